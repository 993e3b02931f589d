package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything needed to create a network. Built with {@link #builder(String)}; immutable.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder("orbitr-net")
 *         .subnet("172.30.0.0/24").gateway("172.30.0.1")
 *         .label("io.orbitr.managed", "true")
 *         .build();
 * }</pre>
 *
 * @param name       the network's name; {@code bridge}, {@code host} and {@code none} are the engine's own
 * @param driver     its driver
 * @param subnet     its address range in CIDR notation; empty lets the engine choose
 * @param gateway    its gateway, inside the subnet; empty lets the engine choose
 * @param labels     its labels
 * @param options    driver options, for example {@code parent=eth0} for macvlan
 * @param internal   whether to cut it off from outside networks
 * @param attachable whether standalone containers may join it (overlay networks)
 */
public record NetworkSpec(String name, NetworkDriver driver, Optional<String> subnet, Optional<String> gateway,
        Map<String, String> labels, Map<String, String> options, boolean internal, boolean attachable) {
    private static final Pattern IP_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    /** Validates the spec and freezes its maps. */
    public NetworkSpec {
        EngineValues.requireName("network name", name);
        if (NetworkDetails.SYSTEM_NETWORKS.contains(name)) {
            throw new InvalidValueException("network name", name, "is one of the engine's own networks "
                    + NetworkDetails.SYSTEM_NETWORKS.stream().sorted().toList());
        }
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        labels = EngineValues.freeze("labels", labels);
        options = EngineValues.freeze("options", options);
        subnet.ifPresent(NetworkSpec::requireCidr);
        if (gateway.isPresent()) {
            if (subnet.isEmpty()) {
                throw new InvalidValueException("gateway", gateway.get(), "needs a subnet");
            }
            requireInside(gateway.get(), subnet.get());
        }
    }

    /**
     * @param name the network's name
     * @return a builder for a bridge network
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static void requireCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new InvalidValueException("subnet", cidr, "must be in CIDR notation, for example 172.30.0.0/24");
        }
        byte[] address = address("subnet", cidr.substring(0, slash), cidr);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidValueException("subnet", cidr, "must end in a prefix length, for example /24");
        }
        if (bits < 0 || bits > address.length * 8) {
            throw new InvalidValueException("subnet", cidr, "prefix length must be between 0 and "
                    + address.length * 8);
        }
    }

    private static void requireInside(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = address("subnet", cidr.substring(0, slash), cidr);
        byte[] host = address("gateway", ip, ip);
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        if (network.length != host.length) {
            throw new InvalidValueException("gateway", ip, "must be of the same IP family as subnet " + cidr);
        }
        int shift = network.length * 8 - bits;
        if (!new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, host).shiftRight(shift))) {
            throw new InvalidValueException("gateway", ip, "must be inside subnet " + cidr);
        }
    }

    /** Parses a literal address only: InetAddress would resolve a host name, so anything else is refused first. */
    private static byte[] address(String field, String text, String shown) {
        if (!IP_TEXT.matcher(text).matches()) {
            throw new InvalidValueException(field, shown, "must be an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new InvalidValueException(field, shown, "must be an IPv4 or IPv6 address");
        }
    }

    /** Builds a {@link NetworkSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private NetworkDriver driver = NetworkDriver.BRIDGE;
        private Optional<String> subnet = Optional.empty();
        private Optional<String> gateway = Optional.empty();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean internal;
        private boolean attachable;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param value the driver
         * @return this builder
         */
        public Builder driver(NetworkDriver value) {
            this.driver = Objects.requireNonNull(value, "driver");
            return this;
        }

        /**
         * @param cidr the address range, for example {@code 172.30.0.0/24}
         * @return this builder
         */
        public Builder subnet(String cidr) {
            this.subnet = Optional.of(cidr);
            return this;
        }

        /**
         * @param ip the gateway, inside the subnet
         * @return this builder
         */
        public Builder gateway(String ip) {
            this.gateway = Optional.of(ip);
            return this;
        }

        /**
         * @param key   a label's name
         * @param value its value
         * @return this builder
         */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /**
         * @param key   a driver option's name, for example {@code parent}
         * @param value its value
         * @return this builder
         */
        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /**
         * @param value whether to cut the network off from outside networks
         * @return this builder
         */
        public Builder internal(boolean value) {
            this.internal = value;
            return this;
        }

        /**
         * @param value whether standalone containers may join (overlay networks)
         * @return this builder
         */
        public Builder attachable(boolean value) {
            this.attachable = value;
            return this;
        }

        /**
         * @return the spec
         * @throws InvalidValueException naming the first bad field
         */
        public NetworkSpec build() {
            return new NetworkSpec(name, driver, subnet, gateway, labels, options, internal, attachable);
        }
    }
}
