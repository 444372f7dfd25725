package com.synapselinkhealth.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.subscriptions.CallbackUrl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where callbacks may go. Only literals are resolved here ({@code localhost} comes from the hosts file): no test
 * asks DNS on the internet.
 */
class CallbackAddressPolicyTest {
    private static final CallbackAddressPolicy STRICT = CallbackAddressPolicy.strict();
    private static final CallbackAddressPolicy LOCAL = new CallbackAddressPolicy(true);

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(text + " is not a literal", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "168.63.129.16", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1",
        "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1",
        "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "ff0e::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:168.63.129.16",
        "::a00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "2002:0a00:0001::", "2002:a9fe:a9fe::1", "2001:db8::1",
        "2001::1", "100::1"})
    void nonPublicAddressesAreRefused(String address) {
        InetAddress a = literal(address);
        assertFalse(CallbackAddressPolicy.isPublic(a), address + " was judged public");
        assertFalse(STRICT.isAllowed(a), address);
        BlockedCallbackException e = assertThrows(BlockedCallbackException.class,
            () -> STRICT.checkAll("callback.example", new InetAddress[] {a}));
        assertTrue(e.getMessage().contains("not a public address"), e.getMessage());
        assertTrue(LOCAL.isAllowed(a), "allowLocal lets every address through (development only): " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "20.50.2.1", "52.239.0.1", "172.32.0.1", "100.128.0.1", "169.253.1.1",
        "2606:4700::1111", "2a01:111:f400::1", "64:ff9b::808:808", "2002:0808:0808::1"})
    void publicAddressesAreAllowed(String address) {
        InetAddress a = literal(address);
        assertTrue(CallbackAddressPolicy.isPublic(a), address + " was judged not public");
        assertDoesNotThrow(() -> STRICT.checkAll("callback.example", new InetAddress[] {a}));
    }

    @Test
    void anIpv4MappedAddressIsJudgedByItsIpv4AddressEvenKeptAsAnIpv6Address() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand over the 16 bytes.
        byte[] mappedLoopback = new byte[16];
        mappedLoopback[10] = (byte) 0xFF;
        mappedLoopback[11] = (byte) 0xFF;
        mappedLoopback[12] = 127;
        mappedLoopback[15] = 1;
        Inet6Address loopback = Inet6Address.getByAddress(null, mappedLoopback, -1);
        assertInstanceOf(Inet6Address.class, loopback);
        assertFalse(CallbackAddressPolicy.isPublic(loopback));

        byte[] mappedMetadata = mappedLoopback.clone();
        mappedMetadata[12] = (byte) 169;
        mappedMetadata[13] = (byte) 254;
        mappedMetadata[14] = (byte) 169;
        mappedMetadata[15] = (byte) 254;
        assertFalse(CallbackAddressPolicy.isPublic(Inet6Address.getByAddress(null, mappedMetadata, -1)));

        byte[] mappedPublic = mappedLoopback.clone();
        mappedPublic[12] = 8;
        mappedPublic[13] = 8;
        mappedPublic[14] = 8;
        mappedPublic[15] = 8;
        assertTrue(CallbackAddressPolicy.isPublic(Inet6Address.getByAddress(null, mappedPublic, -1)));
    }

    @Test
    void everyResolvedAddressIsChecked() {
        InetAddress[] mixed = {literal("8.8.8.8"), literal("10.0.0.1")};
        BlockedCallbackException e = assertThrows(BlockedCallbackException.class, () -> STRICT.checkAll("flow.example", mixed));
        assertTrue(e.getMessage().contains("10.0.0.1"), e.getMessage());
    }

    @Test
    void httpIsRefusedInStrictModeAndAllowedForLocalDevelopment() {
        BlockedCallbackException e = assertThrows(BlockedCallbackException.class,
            () -> STRICT.check(CallbackUrl.parse("http://8.8.8.8/workflows/x?sig=secret")));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());

        assertDoesNotThrow(() -> STRICT.check(CallbackUrl.parse("https://8.8.8.8/workflows/x?sig=secret")));
        assertDoesNotThrow(() -> LOCAL.check(CallbackUrl.parse("http://127.0.0.1:7071/workflows/x?sig=secret")));
        assertDoesNotThrow(() -> LOCAL.check(CallbackUrl.parse("http://localhost:7071/workflows/x?sig=secret")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost/x", "https://LOCALHOST:8443/x", "https://127.0.0.1/x", "https://[::1]/x",
        "https://169.254.169.254/latest/meta-data", "https://168.63.129.16/machine", "https://[::ffff:10.0.0.1]/x",
        "https://[64:ff9b::a00:1]/x", "https://100.64.0.1/x"})
    void urlsWhoseHostIsNotPublicAreRefused(String url) {
        BlockedCallbackException e = assertThrows(BlockedCallbackException.class, () -> STRICT.check(CallbackUrl.parse(url)));
        assertTrue(e.getMessage().contains("not a public address"), e.getMessage());
    }

    @Test
    void strictIsTheDefault() {
        assertFalse(STRICT.allowsLocal());
        assertTrue(LOCAL.allowsLocal());
    }
}
