package io.orbitr.proxy.traefik;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    private static final String STR = Tag.STR.getValue();

    private final Resolver resolver = new Resolver();
    private final StringWriter out;
    private final Emitter emitter;

    private YamlWriter(StringWriter out) {
        this.out = out;
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        options.setIndent(2);
        this.emitter = new Emitter(out, options);
    }

    /**
     * @param header a comment to put first, without the leading {@code #}
     * @param tree   the document
     * @return the YAML text
     * @throws IllegalStateException when the tree holds an empty map or list, or a value of another type
     */
    static String write(String header, Map<String, Object> tree) {
        StringWriter out = new StringWriter(1024 + 256 * tree.size());
        out.write("# " + header + "\n");
        YamlWriter writer = new YamlWriter(out);
        try {
            writer.emitter.emit(new StreamStartEvent(null, null));
            writer.emitter.emit(new DocumentStartEvent(null, null, false, null, null));
            writer.map("", tree);
            writer.emitter.emit(new DocumentEndEvent(null, null, false));
            writer.emitter.emit(new StreamEndEvent(null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.out.toString();
    }

    private void value(String path, Object value) throws IOException {
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
                value(path + "[" + i + "]", list.get(i));
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

    private void map(String path, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            throw new IllegalStateException("empty map at " + (path.isEmpty() ? "the top" : path)
                    + ": Traefik would reject the whole file");
        }
        emitter.emit(new MappingStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            string(entry.getKey());
            value(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue());
        }
        emitter.emit(new MappingEndEvent(null, null));
    }

    private void string(String text) throws IOException {
        // A string that would read back as a bool, number or null must be quoted to stay a string.
        boolean plain = Tag.STR.equals(resolver.resolve(NodeId.scalar, text, true));
        emitter.emit(new ScalarEvent(null, STR, plain ? PLAIN : QUOTED, text, null, null,
                DumperOptions.ScalarStyle.PLAIN));
    }
}
