package com.synapselinkhealth.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.bench.FanOutBenchmark;
import com.synapselinkhealth.bench.NormalizationBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmarks live outside {@code verify} (their own Maven project in {@code benchmarks/}, run by hand as
 * {@code docs/benchmarks.md} says); this runs each one's set-up and one invocation of every benchmark method, so a
 * change that breaks them (as the row history once broke the alternating bodies' set-up) fails the build.
 */
@Timeout(120)
class BenchmarkSmokeTest {
    /** The string JMH asks for before it lets a Blackhole be made outside a JMH run. */
    private static final String BLACKHOLE_CHALLENGE =
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    @Test
    void everyNormalizationBenchmarkSetsUpAndRunsOnce() throws Exception {
        NormalizationBenchmark bench = new NormalizationBenchmark();
        List<String> ran = new ArrayList<>();
        invokeAnnotated(bench, Setup.class, ran);
        Blackhole blackhole = new Blackhole(BLACKHOLE_CHALLENGE);
        for (Method m : NormalizationBenchmark.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                Object result = m.getParameterCount() == 0 ? m.invoke(bench) : m.invoke(bench, blackhole);
                ran.add(m.getName());
                if (m.getReturnType() != void.class) {
                    assertTrue(result != null, m.getName() + " returned nothing");
                }
            }
        }
        invokeAnnotated(bench, TearDown.class, ran);
        assertTrue(ran.containsAll(List.of("parse", "parseAndRules", "parseAndRulesSingleState", "judgeAppendToADayOfVersions",
            "judgeAppendToOneVersion", "judgeLateIntoADayOfVersions", "jacksonReadTree")), ran.toString());
    }

    @Test
    void theFanOutBenchmarkRunsOneRound() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FanOutBenchmark.run(1);
        } finally {
            System.setOut(console);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("| fan-out of 1,000 |"), printed);
        assertFalse(printed.contains("NaN"), printed);
    }

    private static void invokeAnnotated(Object bench, Class<? extends java.lang.annotation.Annotation> annotation, List<String> ran)
        throws Exception {
        for (Method m : bench.getClass().getMethods()) {
            if (m.isAnnotationPresent(annotation)) {
                assertEquals(0, m.getParameterCount(), m.getName());
                m.invoke(bench);
                ran.add(m.getName());
            }
        }
    }
}
