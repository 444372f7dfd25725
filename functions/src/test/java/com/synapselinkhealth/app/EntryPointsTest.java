package com.synapselinkhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.functions.DigestFunctions;
import com.synapselinkhealth.functions.EventsFunctions;
import com.synapselinkhealth.functions.IngestQueueFunction;
import com.synapselinkhealth.functions.ProfilesFunctions;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.testing.TestClock;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every entry point the Functions host may ask for can be made: by {@link EntryPoints}, and by the
 * {@link FunctionInstanceInjector} the service file registers with the Java worker.
 */
class EntryPointsTest {
    private static final String SERVICE_FILE = "META-INF/services/" + FunctionInstanceInjector.class.getName();

    private final LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()),
        new TestClock(Instant.parse("2025-01-01T00:00:00Z")), EventPublisher.NONE);

    @AfterEach
    void close() {
        app.close();
    }

    /** The classes of the functions package with a {@code @FunctionName} method: the ones the host instantiates. */
    private static List<Class<?>> entryPointClasses() {
        List<Class<?>> types = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.synapselinkhealth.functions").stream()
            .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(FunctionName.class)))
            .map(JavaClass::reflect)
            .toList();
        assertTrue(types.size() >= 14, "found only " + types);
        return types;
    }

    @Test
    void entryPointsMakesEveryClassWithAFunction() {
        EntryPoints entryPoints = EntryPoints.of(app);
        for (Class<?> type : entryPointClasses()) {
            assertTrue(type.isInstance(entryPoints.create(type)), type.getName());
        }
    }

    @Test
    void aClassThatIsNoEntryPointIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> EntryPoints.of(app).create(String.class));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void theServiceFileNamesTheInjectorThatMakesEveryEntryPoint() throws Exception {
        List<String> named = serviceFile();
        assertEquals(List.of(FunctionInjector.class.getName()), named);
        Class<?> injector = Class.forName(named.get(0));
        assertTrue(FunctionInstanceInjector.class.isAssignableFrom(injector));
        FunctionInstanceInjector over = new FunctionInjector(() -> app);
        for (Class<?> type : entryPointClasses()) {
            assertTrue(type.isInstance(over.getInstance(type)), type.getName());
        }
    }

    @Test
    void theInjectorAsksForTheAppOnlyWhenAnEntryPointNeedsIt() {
        AtomicInteger asked = new AtomicInteger();
        FunctionInjector injector = new FunctionInjector(() -> {
            asked.incrementAndGet();
            return app;
        });
        // these answer some requests without the app (the event catalogue, a malformed parameter)
        for (Class<?> lazy : List.of(EventsFunctions.class, ProfilesFunctions.class, DigestFunctions.class)) {
            injector.getInstance(lazy);
        }
        assertEquals(0, asked.get());
        injector.getInstance(IngestQueueFunction.class);
        assertFalse(asked.get() == 0);
    }

    private static List<String> serviceFile() throws IOException {
        try (InputStream in = EntryPointsTest.class.getClassLoader().getResourceAsStream(SERVICE_FILE)) {
            assertTrue(in != null, SERVICE_FILE + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
