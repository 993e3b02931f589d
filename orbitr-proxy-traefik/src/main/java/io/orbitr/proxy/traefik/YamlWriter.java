package io.orbitr.proxy.traefik;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a tree of maps, lists, strings, booleans and integers as block-style YAML through snakeyaml's emitter. It
 * feeds the emitter events directly: snakeyaml's representer is several times slower and adds nothing for a tree
 * this plain. Strings that a YAML reader would take for another type ({@code true}, {@code 8080}, {@code null}) are
 * quoted, so they stay strings.
 *
 * <p>An empty map or list is a bug here, not an output: Traefik rejects a whole file (and, in directory mode, every
 * file of the provider) over one {@code routers: {}}.
 */
final class YamlWriter {
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, true);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);

    /**
     * The first characters of YAML 1.1's implicit non-string scalars (booleans, numbers, null, merge, value and
     * timestamps): a string starting with any other character reads back as a string without asking the resolver.
     */
    private static final String TYPED_FIRST_CHARACTERS = "yYnNtTfFoO~-+.0123456789<=";

    private final Resolver resolver = new Resolver();
    private final Map<String, Boolean> plainCache = new HashMap<>();
    private final TextWriter out;
    private final Emitter emitter;

    private YamlWriter(TextWriter out) {
        this.out = out;
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        options.setIndent(2);
        this.emitter = new Emitter(out, options);
    }

    /**
     * @param header a comment to put first, without the leading {@code #}
     * @param tree     the document
     * @param sizeHint the expected length of the text, so that the buffer is not grown and copied over and over
     * @return the YAML text
     * @throws IllegalStateException when the tree holds an empty map or list, or a value of another type
     */
    static String write(String header, Map<String, Object> tree, int sizeHint) {
        TextWriter out = new TextWriter(Math.max(1024, sizeHint));
        out.write("# " + header + "\n");
        YamlWriter writer = new YamlWriter(out);
        try {
            writer.emitter.emit(new StreamStartEvent(null, null));
            writer.emitter.emit(new DocumentStartEvent(null, null, false, null, null));
            writer.map(null, tree);
            writer.emitter.emit(new DocumentEndEvent(null, null, false));
            writer.emitter.emit(new StreamEndEvent(null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.out.toString();
    }

    /** A writer into an unsynchronized buffer ({@link java.io.StringWriter} locks on every call). */
    private static final class TextWriter extends Writer {
        private final StringBuilder text;

        TextWriter(int capacity) {
            this.text = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string) {
            text.append(string);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Where a value sits in the tree, spelled out only for an error message. */
    private record Where(Where parent, Object step) {
        @Override
        public String toString() {
            if (parent == null) {
                return String.valueOf(step);
            }
            return parent + (step instanceof Integer ? "[" + step + "]" : "." + step);
        }
    }

    private void value(Where path, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            map(path, typed);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new IllegalStateException("empty list at " + path + ": Traefik would reject the whole file");
            }
            emitter.emit(new SequenceStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
            for (int i = 0; i < list.size(); i++) {
                value(new Where(path, i), list.get(i));
            }
            emitter.emit(new SequenceEndEvent(null, null));
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Boolean || value instanceof Integer) {
            emitter.emit(new ScalarEvent(null, null, PLAIN, value.toString(), null, null,
                    DumperOptions.ScalarStyle.PLAIN));
        } else {
            throw new IllegalStateException("unexpected " + value + " at " + path);
        }
    }

    private void map(Where path, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            throw new IllegalStateException("empty map at " + (path == null ? "the top" : path)
                    + ": Traefik would reject the whole file");
        }
        emitter.emit(new MappingStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            string(entry.getKey());
            value(path == null ? new Where(null, entry.getKey()) : new Where(path, entry.getKey()), entry.getValue());
        }
        emitter.emit(new MappingEndEvent(null, null));
    }

    private void string(String text) throws IOException {
        // A string that would read back as a bool, number or null must be quoted to stay a string.
        boolean plain = !text.isEmpty() && (TYPED_FIRST_CHARACTERS.indexOf(text.charAt(0)) < 0
                || plainCache.computeIfAbsent(text, t -> Tag.STR.equals(resolver.resolve(NodeId.scalar, t, true))));
        // No tag: an implicit scalar needs none, and naming one makes the emitter format it for every key.
        emitter.emit(new ScalarEvent(null, null, plain ? PLAIN : QUOTED, text, null, null,
                DumperOptions.ScalarStyle.PLAIN));
    }
}
