package io.orbitr.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.InventoryItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest as JSON. Reading is strict: a missing or mistyped field is refused with its name, so a manifest that
 * was cut or edited is never half-believed.
 */
final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    /** Refused manifest content, naming the field. */
    static final class BadManifest extends Exception {
        private static final long serialVersionUID = 1L;

        BadManifest(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static byte[] write(BackupManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", manifest.format());
        root.put("orbitrVersion", manifest.orbitrVersion());
        root.put("createdAt", manifest.createdAt().toString());
        root.put("storeFormat", manifest.storeFormat());
        ArrayNode parts = root.putArray("parts");
        for (BackupPart part : manifest.parts()) {
            ObjectNode node = parts.addObject();
            node.put("path", part.path());
            node.put("kind", part.kind().name());
            node.put("size", part.size());
            node.put("sha256", part.sha256());
            node.put("mode", String.format("%04o", part.mode()));
        }
        ArrayNode volumes = root.putArray("volumes");
        for (BackupVolume volume : manifest.volumes()) {
            ObjectNode node = volumes.addObject();
            node.put("name", volume.name());
            node.put("driver", volume.driver());
            putMap(node.putObject("driverOptions"), volume.driverOptions());
            putMap(node.putObject("labels"), volume.labels());
            node.put("part", volume.part());
        }
        ArrayNode inventory = root.putArray("inventory");
        for (InventoryItem item : manifest.inventory()) {
            ObjectNode node = inventory.addObject();
            node.put("participant", item.participant());
            node.put("name", item.name());
            node.put("path", item.path());
            node.put("size", item.size());
            node.put("sha256", item.sha256());
        }
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static BackupManifest read(byte[] json) throws BadManifest {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new BadManifest("the manifest is not JSON: " + e.getMessage(), e);
        }
        try {
            List<BackupPart> parts = new ArrayList<>();
            for (JsonNode node : array(root, "parts")) {
                parts.add(new BackupPart(text(node, "path"), BackupPart.Kind.valueOf(text(node, "kind")),
                        number(node, "size"), text(node, "sha256"), Integer.parseInt(text(node, "mode"), 8)));
            }
            List<BackupVolume> volumes = new ArrayList<>();
            for (JsonNode node : array(root, "volumes")) {
                volumes.add(new BackupVolume(text(node, "name"), text(node, "driver"), map(node, "driverOptions"),
                        map(node, "labels"), text(node, "part")));
            }
            List<InventoryItem> inventory = new ArrayList<>();
            for (JsonNode node : array(root, "inventory")) {
                inventory.add(new InventoryItem(text(node, "participant"), text(node, "name"), text(node, "path"),
                        number(node, "size"), text(node, "sha256")));
            }
            return new BackupManifest((int) number(root, "format"), text(root, "orbitrVersion"),
                    Instant.parse(text(root, "createdAt")), text(root, "storeFormat"), parts, volumes, inventory);
        } catch (RuntimeException e) {
            throw new BadManifest("the manifest is not valid: " + e.getMessage(), e);
        }
    }

    private static void putMap(ObjectNode node, Map<String, String> values) {
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array");
        }
        return value;
    }

    private static Map<String, String> map(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }
}
