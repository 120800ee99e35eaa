package dev.tidings.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private final AddressPolicy strict = new AddressPolicy(false);

    @Test
    void refusesLoopbackPrivateLinkLocalMulticastAndUnspecifiedAddresses() throws Exception {
        for (String a : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "fe80::1", "fd00::1", "224.0.0.1", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1"}) {
            assertThat(strict.refusal(InetAddress.getByName(a))).as(a).isPresent();
        }
        assertThat(strict.refusal("localhost")).isPresent();
    }

    @Test
    void letsPublicAddressesThrough() throws Exception {
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"}) {
            assertThat(strict.refusal(InetAddress.getByName(a))).as(a).isEmpty();
        }
    }

    @Test
    void allowPrivateLetsEverythingThrough() throws Exception {
        assertThat(new AddressPolicy(true).refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
    }
}
