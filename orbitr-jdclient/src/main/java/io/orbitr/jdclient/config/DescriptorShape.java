package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.keys.Base58Check;
import io.orbitr.jdclient.keys.Secp256k1;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the shape of {@code coinbase_reward_script}: an output descriptor (BIP-380 to 386) that names exactly one
 * output script, as jd-client needs for a coinbase. Accepted: {@code addr}, {@code raw}, {@code pk}, {@code pkh},
 * {@code wpkh}, {@code sh(wpkh|wsh|pk|pkh|multi|sortedmulti)}, {@code wsh(pk|pkh|multi|sortedmulti)},
 * {@code multi}, {@code sortedmulti}, {@code tr} (with a script tree of {@code pk}, {@code pkh}, {@code multi_a},
 * {@code sortedmulti_a}), {@code rawtr}, and an optional {@code #checksum} that must match. Refused: {@code combo}
 * (many outputs), {@code musig}, private keys (WIF, xprv, tprv), wildcards and multipath steps (many outputs),
 * and anything else. Miniscript fragments are not checked and therefore refused.
 */
final class DescriptorShape {
    private static final String INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}"
            + "IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final Pattern CALL = Pattern.compile("([a-z_]+)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern ORIGIN = Pattern.compile("\\[[0-9a-fA-F]{8}((/[0-9]+['hH]?)*)]");
    private static final Pattern STEP = Pattern.compile("[0-9]+['hH]?");
    private static final Map<Integer, String> EXTENDED_PUBLIC = Map.of(0x0488B21E, "xpub", 0x043587CF, "tpub");
    private static final Map<Integer, String> EXTENDED_PRIVATE = Map.of(0x0488ADE4, "xprv", 0x04358394, "tprv");
    private static final Set<String> TOP = Set.of("addr", "raw", "pk", "pkh", "wpkh", "sh", "wsh", "tr", "rawtr",
            "multi", "sortedmulti");
    private static final Set<String> IN_SH = Set.of("wpkh", "wsh", "pk", "pkh", "multi", "sortedmulti");
    private static final Set<String> IN_WSH = Set.of("pk", "pkh", "multi", "sortedmulti");
    private static final Set<String> TAP_LEAVES = Set.of("pk", "pkh", "multi_a", "sortedmulti_a");
    private static final int MAX_MULTI_KEYS = 20;

    /** Which keys a position accepts. */
    private enum KeyKind {
        /** Legacy scripts: compressed or uncompressed keys. */
        LEGACY,
        /** SegWit v0: compressed keys only. */
        SEGWIT,
        /** Taproot: x-only or compressed keys. */
        TAPROOT
    }

    private final List<String> problems = new ArrayList<>();

    private DescriptorShape() {
    }

    /**
     * @param descriptor a descriptor, with or without a checksum
     * @return every reason jd-client would refuse it; empty when its shape is acceptable
     */
    static List<String> problems(String descriptor) {
        DescriptorShape shape = new DescriptorShape();
        shape.checkWhole(descriptor.strip());
        return List.copyOf(shape.problems);
    }

    /**
     * @param descriptor a descriptor without its checksum
     * @return its BIP-380 checksum, or empty when it has a character descriptors do not allow
     */
    static Optional<String> checksum(String descriptor) {
        long c = 1;
        int cls = 0;
        int clsCount = 0;
        for (int i = 0; i < descriptor.length(); i++) {
            int pos = INPUT_CHARSET.indexOf(descriptor.charAt(i));
            if (pos < 0) {
                return Optional.empty();
            }
            c = polymod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clsCount == 3) {
                c = polymod(c, cls);
                cls = 0;
                clsCount = 0;
            }
        }
        if (clsCount > 0) {
            c = polymod(c, cls);
        }
        for (int j = 0; j < 8; j++) {
            c = polymod(c, 0);
        }
        c ^= 1;
        StringBuilder out = new StringBuilder(8);
        for (int j = 0; j < 8; j++) {
            out.append(CHECKSUM_CHARSET.charAt((int) (c >> (5 * (7 - j)) & 31)));
        }
        return Optional.of(out.toString());
    }

    private void checkWhole(String text) {
        if (text.isEmpty()) {
            problems.add("is required: an output descriptor such as addr(ADDRESS) or wpkh(PUBKEY)");
            return;
        }
        String body = text;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            body = text.substring(0, hash);
            String given = text.substring(hash + 1);
            Optional<String> expected = checksum(body);
            if (expected.isPresent() && !expected.get().equals(given)) {
                problems.add("has checksum #" + given + " but the descriptor's checksum is #" + expected.get());
            }
        }
        if (checksum(body).isEmpty()) {
            problems.add("has a character that descriptors do not allow");
            return;
        }
        if (body.contains("musig(")) {
            problems.add("uses musig(), which jd-client refuses");
        }
        expression(body, TOP, "a descriptor");
    }

    private void expression(String text, Set<String> allowed, String where) {
        Matcher call = CALL.matcher(text.strip());
        if (!call.matches()) {
            problems.add("must be a descriptor function such as wpkh(...) at " + where + ", found '" + text + "'");
            return;
        }
        String name = call.group(1);
        List<String> args = splitArguments(call.group(2));
        if (name.equals("combo")) {
            problems.add("uses combo(), which describes several outputs; jd-client needs exactly one");
            return;
        }
        if (name.equals("musig")) {
            return; // reported once for the whole text
        }
        if (!allowed.contains(name)) {
            problems.add(name + "() is not allowed at " + where + " (allowed: " + String.join(", ",
                    allowed.stream().sorted().toList()) + ")");
            return;
        }
        switch (name) {
            case "addr" -> arity(name, args, 1).ifPresent(a -> BitcoinAddress.problem(a.get(0))
                    .ifPresent(p -> problems.add("addr(): the address " + p)));
            case "raw" -> arity(name, args, 1).ifPresent(a -> raw(a.get(0)));
            case "pk", "pkh" -> arity(name, args, 1).ifPresent(a -> key(a.get(0), kindFor(where), name));
            case "wpkh" -> arity(name, args, 1).ifPresent(a -> key(a.get(0), KeyKind.SEGWIT, name));
            case "sh" -> arity(name, args, 1).ifPresent(a -> expression(a.get(0), IN_SH, "sh()"));
            case "wsh" -> arity(name, args, 1).ifPresent(a -> expression(a.get(0), IN_WSH, "wsh()"));
            case "multi", "sortedmulti", "multi_a", "sortedmulti_a" -> multi(name, args, kindFor(where));
            case "rawtr" -> arity(name, args, 1).ifPresent(a -> key(a.get(0), KeyKind.TAPROOT, name));
            case "tr" -> taproot(args);
            default -> problems.add(name + "() is not supported");
        }
    }

    private static KeyKind kindFor(String where) {
        return switch (where) {
            case "wsh()" -> KeyKind.SEGWIT;
            case "a tr() script leaf" -> KeyKind.TAPROOT;
            default -> KeyKind.LEGACY;
        };
    }

    private Optional<List<String>> arity(String name, List<String> args, int expected) {
        if (args.size() != expected) {
            problems.add(name + "() takes " + expected + " argument" + (expected == 1 ? "" : "s") + ", found "
                    + args.size());
            return Optional.empty();
        }
        return Optional.of(args);
    }

    private void raw(String hex) {
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            problems.add("raw() must hold a non-empty script in hex (an even number of hex digits)");
        }
    }

    private void multi(String name, List<String> args, KeyKind kind) {
        if (args.size() < 2) {
            problems.add(name + "() needs a threshold and at least one key");
            return;
        }
        int keys = args.size() - 1;
        try {
            int threshold = Integer.parseInt(args.get(0).strip());
            if (threshold < 1 || threshold > keys) {
                problems.add(name + "() threshold " + threshold + " must be from 1 to the number of keys (" + keys
                        + ")");
            }
        } catch (NumberFormatException e) {
            problems.add(name + "() must start with a numeric threshold, found '" + args.get(0) + "'");
        }
        if (keys > MAX_MULTI_KEYS) {
            problems.add(name + "() has " + keys + " keys; at most " + MAX_MULTI_KEYS + " are standard");
        }
        args.subList(1, args.size()).forEach(k -> key(k, kind, name));
    }

    private void taproot(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            problems.add("tr() takes an internal key and an optional script tree, found " + args.size()
                    + " arguments");
            return;
        }
        key(args.get(0), KeyKind.TAPROOT, "tr");
        if (args.size() == 2) {
            tree(args.get(1).strip());
        }
    }

    private void tree(String text) {
        if (text.startsWith("{") && text.endsWith("}")) {
            List<String> branches = splitArguments(text.substring(1, text.length() - 1));
            if (branches.size() != 2) {
                problems.add("tr() script tree branches {A,B} must have exactly two children");
                return;
            }
            branches.forEach(this::tree);
        } else {
            expression(text, TAP_LEAVES, "a tr() script leaf");
        }
    }

    private void key(String raw, KeyKind kind, String function) {
        String text = raw.strip();
        Matcher origin = ORIGIN.matcher(text);
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !origin.region(0, close + 1).matches()) {
                problems.add(function + "(): key origin must be [8 hex digits/path], found '" + text + "'");
                return;
            }
            text = text.substring(close + 1);
        }
        String keyPart = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        String path = text.substring(keyPart.length());
        if (isHex(keyPart)) {
            if (!path.isEmpty()) {
                problems.add(function + "(): a hex key cannot have a derivation path");
            }
            hexKey(keyPart, kind, function);
        } else {
            base58Key(keyPart, path, function);
        }
    }

    private void hexKey(String hex, KeyKind kind, String function) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        boolean compressed = bytes.length == 33 && (bytes[0] == 2 || bytes[0] == 3);
        boolean uncompressed = bytes.length == 65 && bytes[0] == 4;
        boolean xOnly = bytes.length == 32;
        if (xOnly) {
            if (kind != KeyKind.TAPROOT) {
                problems.add(function + "(): a 32-byte x-only key is only allowed inside tr()");
            } else if (!Secp256k1.isPoint(withPrefix(bytes))) {
                problems.add(function + "(): the x-only key is not a point on secp256k1");
            }
            return;
        }
        if (!compressed && !uncompressed) {
            problems.add(function + "(): a hex key must be 33 bytes (02/03...) or 65 bytes (04...), found "
                    + bytes.length + " bytes");
            return;
        }
        if (uncompressed && kind != KeyKind.LEGACY) {
            problems.add(function + "(): uncompressed keys are not allowed in SegWit or Taproot scripts");
        }
        if (!Secp256k1.isPoint(bytes)) {
            problems.add(function + "(): the key is not a point on secp256k1");
        }
    }

    private void base58Key(String key, String path, String function) {
        byte[] payload;
        try {
            payload = Base58Check.decode("key", key, key);
        } catch (InvalidValueException e) {
            problems.add(function + "(): '" + key + "' is not a public key (hex, xpub or tpub): " + e.rule());
            return;
        }
        if ((payload.length == 33 || payload.length == 34) && ((payload[0] & 0xff) == 0x80
                || (payload[0] & 0xff) == 0xef)) {
            problems.add(function + "(): holds a private key (WIF); put only public keys in a configuration");
            return;
        }
        if (payload.length != 78) {
            problems.add(function + "(): '" + key + "' is not a public key (hex, xpub or tpub)");
            return;
        }
        int version = (payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8
                | payload[3] & 0xff;
        if (EXTENDED_PRIVATE.containsKey(version)) {
            problems.add(function + "(): holds a private key (" + EXTENDED_PRIVATE.get(version)
                    + "); use its " + EXTENDED_PRIVATE.get(version).replace("prv", "pub"));
            return;
        }
        if (!EXTENDED_PUBLIC.containsKey(version)) {
            problems.add(function + "(): extended key version " + String.format("0x%08x", version)
                    + " is not xpub or tpub");
            return;
        }
        derivation(path, function);
    }

    private void derivation(String path, String function) {
        if (path.isEmpty()) {
            return;
        }
        for (String step : path.substring(1).split("/", -1)) {
            if (step.startsWith("*")) {
                problems.add(function + "(): wildcard derivation (/*) describes many outputs; give a fixed path");
            } else if (step.startsWith("<")) {
                problems.add(function + "(): multipath derivation (<a;b>) describes many outputs; give a fixed path");
            } else if (!STEP.matcher(step).matches()) {
                problems.add(function + "(): bad derivation step '" + step + "'");
            } else if (step.endsWith("'") || step.endsWith("h") || step.endsWith("H")) {
                problems.add(function + "(): hardened step " + step + " after an extended public key needs the"
                        + " private key");
            }
        }
    }

    private static boolean isHex(String text) {
        return !text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static byte[] withPrefix(byte[] xOnly) {
        byte[] out = new byte[33];
        out[0] = 2;
        System.arraycopy(xOnly, 0, out, 1, 32);
        return out;
    }

    /** Splits on commas outside parentheses, brackets and braces. */
    private static List<String> splitArguments(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(text.substring(start).strip());
        return out;
    }

    private static long polymod(long c, int value) {
        long top = c >> 35;
        c = (c & 0x7ffffffffL) << 5 ^ value;
        if ((top & 1) != 0) {
            c ^= 0xf5dee51989L;
        }
        if ((top & 2) != 0) {
            c ^= 0xa9fdca3312L;
        }
        if ((top & 4) != 0) {
            c ^= 0x1bab10e32dL;
        }
        if ((top & 8) != 0) {
            c ^= 0x3706b1677aL;
        }
        if ((top & 16) != 0) {
            c ^= 0x644d626ffdL;
        }
        return c;
    }
}
