package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The local host serves every HTTP function of the app exactly as its {@code @HttpTrigger} declares it, and nothing else. */
class LocalRoutesTest {
    /** Served locally without being a function: the liveness route. */
    private static final Set<String> LOCAL_ONLY = Set.of("GET health (anonymous)");

    @Test
    void theRouteTableMirrorsTheHttpTriggers() throws Exception {
        Set<String> triggers = new TreeSet<>();
        Path classes = Path.of(DataverseWebhookFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path functions = classes.resolve("com/synapselinkhealth/functions");
        try (Stream<Path> files = Files.list(functions)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = "com.synapselinkhealth.functions." + file.getFileName().toString().replace(".class", "");
                for (Method m : Class.forName(name, false, getClass().getClassLoader()).getDeclaredMethods()) {
                    if (m.getAnnotation(FunctionName.class) == null) {
                        continue;
                    }
                    for (Annotation[] parameter : m.getParameterAnnotations()) {
                        for (Annotation a : parameter) {
                            if (a instanceof HttpTrigger trigger) {
                                for (HttpMethod method : trigger.methods()) {
                                    triggers.add(describe(method.name(), trigger.route(),
                                        trigger.authLevel() != AuthorizationLevel.ANONYMOUS));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertFalse(triggers.isEmpty());

        LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), event -> { });
        Set<String> served = new TreeSet<>();
        try (LocalServer server = new LocalServer(app, "127.0.0.1", 0, null, 0)) {
            for (LocalRoute route : LocalRoutes.of(app, server)) {
                served.add(describe(route.method(), route.route(), route.functionLevel()));
            }
        } finally {
            if ((Object) app instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        served.removeAll(LOCAL_ONLY);
        assertEquals(triggers, served);
    }

    private static String describe(String method, String route, boolean keyed) {
        return method + " " + route + (keyed ? " (function key)" : " (anonymous)");
    }
}
