package io.gscam.nvr.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its line (Jackson's {@code JsonLocation}),
 * so a refused value can be named with its line. Jackson's own tree drops locations.
 */
sealed interface YamlNode {
    int line();

    /** A mapping; keys in file order, each with the line of the key. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
    }

    /** A scalar as written (null for YAML's null / an empty value). */
    record Scalar(String text, int line) implements YamlNode {
    }

    /** Thread-safe once built (Jackson's factories are): one for all parses, not one per file. */
    YAMLFactory FACTORY = new YAMLFactory();

    /** Parses {@code yaml}; an empty document is an empty mapping. */
    static YamlNode parse(String yaml, String fileName) throws ConfigException {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Mapping(Map.of(), Map.of(), 1);
            }
            return read(p, fileName);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(fileName + " line " + line + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(fileName + ": " + e.getMessage());
        }
    }

    private static YamlNode read(JsonParser p, String fileName) throws IOException, ConfigException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    if (entries.containsKey(key)) {
                        throw new ConfigException(fileName + " line " + keyLine + ": " + key + ": given twice");
                    }
                    entries.put(key, read(p, fileName));
                    lines.put(key, keyLine);
                }
                return new Mapping(entries, lines, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, fileName));
                }
                return new Sequence(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, line);
            }
            default -> {
                return new Scalar(p.getText(), line);
            }
        }
    }
}
