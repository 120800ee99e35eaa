package dev.tidings.destinations;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses a destination may reach. By default loopback, private (RFC 1918, IPv6 unique-local,
 * carrier-grade NAT), link-local (cloud metadata lives at 169.254.169.254), multicast and unspecified
 * addresses are refused, so a destination URL cannot make Tidings call into its own network. The check
 * runs when a destination is saved and again on the address actually resolved at send time, which
 * defeats DNS rebinding. {@code allowPrivate} (--allow-private-destinations) lifts it, for tests and
 * for installations that deliver inside their own network.
 */
public final class AddressPolicy {
    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** Why {@code host} may not be reached (resolving it, blocking), or empty when it may or does not resolve now. */
    public Optional<String> refusal(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress a : InetAddress.getAllByName(bare)) {
                Optional<String> r = refusal(a);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            // Not resolvable today is not a reason to refuse the save; the send-time check still applies.
            return Optional.empty();
        }
    }

    /** Why this resolved address may not be reached, or empty. */
    public Optional<String> refusal(InetAddress a) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String kind = kind(a);
        return kind == null ? Optional.empty() : Optional.of("resolves to " + a.getHostAddress() + ", a " + kind
                + " address; such destinations are refused unless the server runs with --allow-private-destinations");
    }

    private static String kind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) {
                return "carrier-grade NAT (private)";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            if (isMappedV4(b)) {
                try {
                    String inner = kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                    return inner == null ? null : inner + " (IPv4-mapped)";
                } catch (UnknownHostException impossible) {
                    return "malformed";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
