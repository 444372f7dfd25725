package com.synapselinkhealth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recent events a page at a time: order, cursors, filters, and the parameters' checks. */
class RecentEventsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final UUID CONTOSO = UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f");
    private static final HealthEventName[] NAMES = {HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered,
        HealthEventName.TableSyncPaused, HealthEventName.ProfileError};

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final StatusService status = new StatusService(new InMemoryRowStateStore(), store, StallPolicy.DEFAULT,
        new TestClock(T0.plus(Duration.ofDays(1))));

    static HealthEvent event(int n, Instant time, HealthEventName name, String profile, UUID profileId, String table) {
        return HealthEvent.builder().id(String.format("evt-%03d", n)).name(name).time(time).organization("contoso")
            .profileName(profile).profileId(profileId).table(table).stateTable(name.stateTable().logicalName())
            .rowId(UUID.nameUUIDFromBytes(("row" + n).getBytes())).summary(name + " number " + n + ".")
            .build();
    }

    /** 60 events, three per second (so pages cut through ties), of two profiles and four names. */
    private List<HealthEvent> seed() {
        List<HealthEvent> all = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            boolean contoso = n % 3 != 0;
            HealthEvent e = event(n, T0.plusSeconds(n / 3), NAMES[n % 4], contoso ? "Contoso Lake" : "Fabric Link",
                contoso ? CONTOSO : null, n % 2 == 0 ? "contact" : "account");
            store.append(e);
            all.add(e);
        }
        all.sort(Comparator.comparing(HealthEvent::time).reversed().thenComparing(HealthEvent::id));
        return all;
    }

    private List<HealthEvent> readAll(RecentEventsRequest first) {
        List<HealthEvent> read = new ArrayList<>();
        RecentEventsRequest request = first;
        for (int pages = 0; pages < 1000; pages++) {
            EventPage page = status.recentEvents(request);
            assertTrue(page.events().size() <= request.top());
            read.addAll(page.events());
            if (page.nextPage().isEmpty()) {
                return read;
            }
            assertEquals(request.top(), page.events().size(), "only the last page may be short");
            request = new RecentEventsRequest(request.profile(), request.table(), request.names(),
                request.minimumSeverity(), request.since(), request.top(),
                EventCursor.fromToken(page.nextPage().get().toToken()));
        }
        throw new AssertionError("no last page");
    }

    @Test
    void pagesCoverEveryEventOnceNewestFirst() {
        List<HealthEvent> all = seed();
        for (int top : new int[] {1, 2, 7, 25, 59, 60, 100}) {
            assertEquals(all, readAll(RecentEventsRequest.latest(top)), "top " + top);
        }
        EventPage only = status.recentEvents(RecentEventsRequest.latest(100));
        assertEquals(60, only.events().size());
        assertTrue(only.nextPage().isEmpty(), "no next link on the last page");
        assertTrue(status.recentEvents(RecentEventsRequest.latest(60)).nextPage().isEmpty());
        assertTrue(status.recentEvents(RecentEventsRequest.latest(59)).nextPage().isPresent());
    }

    @Test
    void eventsRaisedMeanwhileNeitherShiftNorRepeatThePages() {
        List<HealthEvent> all = seed();
        EventPage first = status.recentEvents(RecentEventsRequest.latest(25));
        for (int n = 100; n < 110; n++) {
            store.append(event(n, T0.plus(Duration.ofHours(1)), HealthEventName.TableSyncFailed, "Contoso Lake", CONTOSO,
                "contact"));
        }
        EventPage second = status.recentEvents(new RecentEventsRequest(null, null, Set.of(), null, null, 25,
            first.nextPage().get()));
        assertEquals(all.subList(25, 50), second.events());
    }

    @Test
    void filtersCombineAndSeverityMeansThisOrWorse() {
        List<HealthEvent> all = seed();
        List<HealthEvent> read = readAll(new RecentEventsRequest("contoso lake", "contact", Set.of(), Severity.WARNING,
            T0.plusSeconds(5), 3, null));
        List<HealthEvent> expected = all.stream().filter(e -> "Contoso Lake".equals(e.profileName()))
            .filter(e -> e.table().equals("contact")).filter(e -> e.severity() != Severity.INFO)
            .filter(e -> !e.time().isBefore(T0.plusSeconds(5))).toList();
        assertTrue(expected.size() > 3, "the filter leaves several pages");
        assertEquals(expected, read);
        assertEquals(all.stream().filter(e -> CONTOSO.equals(e.profileId())).toList(),
            readAll(new RecentEventsRequest(CONTOSO.toString(), null, null, null, null, 10, null)));
        assertEquals(all.stream().filter(e -> e.name().equals(HealthEventName.ProfileError)
                || e.name().equals(HealthEventName.TableSyncPaused)).toList(),
            readAll(RecentEventsRequest.fromParameters(Map.of("event", "ProfileError, TableSyncPaused", "top", "4"))));
    }

    @Test
    void aStoreThatBreaksTiesItsOwnWayStillPagesCorrectly() {
        List<HealthEvent> all = seed();
        // newest first, as the interface promises, but ties in reverse id order and cut at the limit
        EventStore contrary = new EventStore() {
            @Override
            public boolean append(HealthEvent event) {
                return store.append(event);
            }

            @Override
            public Optional<HealthEvent> find(String id) {
                return store.find(id);
            }

            @Override
            public List<HealthEvent> query(EventQuery query) {
                List<HealthEvent> every = new ArrayList<>(store.query(new EventQuery(query.profile(), query.table(),
                    query.names(), query.minimumSeverity(), query.since(), Integer.MAX_VALUE)));
                every.sort(Comparator.comparing(HealthEvent::time).reversed().thenComparing(HealthEvent::id,
                    Comparator.reverseOrder()));
                return every.subList(0, Math.min(query.limit(), every.size()));
            }
        };
        StatusService other = new StatusService(new InMemoryRowStateStore(), contrary, StallPolicy.DEFAULT,
            new TestClock(T0));
        List<HealthEvent> read = new ArrayList<>();
        EventCursor after = null;
        do {
            EventPage page = other.recentEvents(new RecentEventsRequest(null, null, Set.of(), null, null, 4, after));
            read.addAll(page.events());
            after = page.next();
        } while (after != null);
        assertEquals(all, read);
        assertEquals(all.size(), new HashSet<>(read).size());
    }

    @Test
    void parametersAreReadAndEmptyOnesIgnored() {
        RecentEventsRequest request = RecentEventsRequest.fromParameters(Map.of("profile", "Contoso Lake", "table", "",
            "event", "tablesyncfailed", "severity", "Warning", "since", "2026-11-20T10:00:00+01:00", "top", "7",
            "code", "secret"));
        assertEquals("Contoso Lake", request.profile());
        assertNull(request.table());
        assertEquals(Set.of(HealthEventName.TableSyncFailed), request.names());
        assertEquals(Severity.WARNING, request.minimumSeverity());
        assertEquals(T0, request.since());
        assertEquals(7, request.top());
        assertNull(request.after());
        assertEquals(25, RecentEventsRequest.fromParameters(Map.of()).top());
        assertEquals(T0, RecentEventsRequest.fromParameters(Map.of("since", "2026-11-20T10:00:00 01:00")).since(),
            "an offset whose '+' arrived as a space");
    }

    @Test
    void malformedParametersAreNamed() {
        Map<String, Map<String, String>> cases = Map.of(
            "top", Map.of("top", "0"), "severity", Map.of("severity", "fatal"), "since", Map.of("since", "yesterday"),
            "event", Map.of("event", "TableSyncFailed,NoSuchEvent"), "skipToken", Map.of("skipToken", "!!not-base64!!"));
        cases.forEach((parameter, query) -> {
            StatusException e = assertThrows(StatusException.class, () -> RecentEventsRequest.fromParameters(query));
            assertEquals(StatusException.Kind.INVALID_PARAMETER, e.kind());
            assertEquals(parameter, e.parameter());
            assertTrue(e.getMessage().contains("'" + parameter + "'"), e.getMessage());
        });
        for (String top : List.of("101", "-1", "2.5", "ten", "99999999999")) {
            assertEquals("top", assertThrows(StatusException.class,
                () -> RecentEventsRequest.fromParameters(Map.of("top", top))).parameter());
        }
        for (String token : List.of("YWJj", "fDIwMjYtMTEtMjBUMDk6MDA6MDBa", new EventCursor(T0, "x").toToken() + "%")) {
            assertEquals("skipToken", assertThrows(StatusException.class,
                () -> RecentEventsRequest.fromParameters(Map.of("skipToken", token))).parameter(), token);
        }
        StatusException control = assertThrows(StatusException.class,
            () -> RecentEventsRequest.fromParameters(Map.of("severity", "bad\r\nInjected: yes")));
        assertTrue(!control.getMessage().contains("\n"), control.getMessage());
    }

    @Test
    void aCursorRoundTripsThroughItsToken() {
        EventCursor cursor = new EventCursor(T0.plusMillis(123), "5a0b3c7e-94d1-5b6f-a1c2-3d4e5f607182");
        assertEquals(cursor, EventCursor.fromToken(cursor.toToken()));
        assertTrue(cursor.toToken().matches("[A-Za-z0-9_-]+"), cursor.toToken());
    }
}
