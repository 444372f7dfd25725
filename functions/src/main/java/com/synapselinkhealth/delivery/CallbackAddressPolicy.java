package com.synapselinkhealth.delivery;

import com.synapselinkhealth.subscriptions.CallbackUrl;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where callbacks may go: https only, and only to public addresses. Loopback, private, link-local, CGNAT,
 * multicast, unspecified, reserved and documentation ranges are refused, and so are Azure's platform addresses
 * (169.254.169.254 instance metadata, 168.63.129.16 WireServer). IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by that address. Hosts are never allowed by name (flow
 * callback hosts change); every resolved address is checked, at subscribe time and again at connect time.
 */
public final class CallbackAddressPolicy {
    private static final List<int[]> BLOCKED_V4 = List.of(
        cidr(0, 0, 0, 0, 8), cidr(10, 0, 0, 0, 8), cidr(100, 64, 0, 0, 10), cidr(127, 0, 0, 0, 8),
        cidr(169, 254, 0, 0, 16), cidr(172, 16, 0, 0, 12), cidr(192, 0, 0, 0, 24), cidr(192, 0, 2, 0, 24),
        cidr(192, 88, 99, 0, 24), cidr(192, 168, 0, 0, 16), cidr(198, 18, 0, 0, 15), cidr(198, 51, 100, 0, 24),
        cidr(203, 0, 113, 0, 24), cidr(224, 0, 0, 0, 4), cidr(240, 0, 0, 0, 4), cidr(168, 63, 129, 16, 32));

    private final boolean allowLocal;

    /** @param allowLocal development only: allow http and loopback/private addresses */
    public CallbackAddressPolicy(boolean allowLocal) {
        this.allowLocal = allowLocal;
    }

    public static CallbackAddressPolicy strict() {
        return new CallbackAddressPolicy(false);
    }

    public boolean allowsLocal() {
        return allowLocal;
    }

    /** Checks the scheme and every address the host resolves to. */
    public void check(CallbackUrl url) {
        if (!url.isHttps() && !allowLocal) {
            throw new BlockedCallbackException("The callback URL must use https.");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.host());
        } catch (UnknownHostException e) {
            throw new BlockedCallbackException("The callback host '" + url.host() + "' does not resolve.");
        }
        checkAll(url.host(), addresses);
    }

    /** Checks resolved addresses; throws naming the first refused one. */
    public void checkAll(String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (!isAllowed(address)) {
                throw new BlockedCallbackException("The callback host '" + host + "' resolves to " + address.getHostAddress()
                    + ", which is not a public address.");
            }
        }
    }

    public boolean isAllowed(InetAddress address) {
        return allowLocal || isPublic(address);
    }

    /** Whether an address is a public unicast address. */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int ip = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        for (int[] range : BLOCKED_V4) {
            int mask = range[1] == 0 ? 0 : -1 << (32 - range[1]);
            if ((ip & mask) == (range[0] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPublicV6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return isPublicV4(slice(b, 12));
        }
        if (allZero(b, 0, 12)) {
            return false;
        }
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0xFF || (first & 0xFE) == 0xFC || (first == 0xFE && (second & 0xC0) == 0x80)
            || (first == 0xFE && (second & 0xC0) == 0xC0)) {
            return false;
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
            return false;
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return false;
        }
        if (first == 0x3F && (second & 0xF0) == 0xF0) {
            return false;
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            return isPublicV4(slice(b, 12));
        }
        if (first == 0x01 && second == 0x00 && allZero(b, 2, 8)) {
            return false;
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(slice(b, 2));
        }
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static int[] cidr(int a, int b, int c, int d, int bits) {
        return new int[] {(a << 24) | (b << 16) | (c << 8) | d, bits};
    }
}
