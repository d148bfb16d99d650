package ai.wippy.runtime.manifest;

import ai.wippy.runtime.SourcePosition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed SnakeYAML node graph into plain Java values (String, Boolean, Integer, Long,
 * BigInteger, Double, null, List, Map) while recording every node's position. Doing this by hand
 * instead of through a SnakeYAML constructor means no tag can ever instantiate a Java type, and
 * the marks survive. Alias re-use is bounded because the composer only limits the number of
 * aliases, not how much they expand to.
 */
final class NodeConverter {

    /** Nodes that may be materialised through aliases in one file. */
    static final int MAX_ALIAS_EXPANSION = 10_000;

    /** A conversion failure with the position it happened at; becomes a {@code Problem}. */
    static final class ConversionException extends Exception {
        private final transient Mark mark;

        ConversionException(Mark mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }

    private final String displayName;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final Set<Node> converted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int aliasDepth;
    private int expandedNodes;

    NodeConverter(String displayName) {
        this.displayName = displayName;
    }

    YamlDocument convert(Node root) throws ConversionException {
        positions.put("", position(root.getStartMark()));
        Object value = value(root, "");
        return new YamlDocument(value, Collections.unmodifiableMap(positions));
    }

    SourcePosition position(Mark mark) {
        if (mark == null) {
            return SourcePosition.ofFile(displayName);
        }
        return new SourcePosition(displayName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Recursion depth is bounded by SnakeYAML's nesting limit, checked while composing. */
    private Object value(Node node, String path) throws ConversionException {
        if (inProgress.contains(node)) {
            throw new ConversionException(node.getStartMark(), "recursive alias is not allowed");
        }
        boolean reused = !converted.add(node);
        if (reused) {
            aliasDepth++;
        }
        if (aliasDepth > 0 && ++expandedNodes > MAX_ALIAS_EXPANSION) {
            throw new ConversionException(node.getStartMark(), "aliases expand to more than "
                    + MAX_ALIAS_EXPANSION + " nodes; refusing the document (alias bomb)");
        }
        inProgress.add(node);
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence, path);
            }
            if (node instanceof MappingNode mapping) {
                return mapping(mapping, path);
            }
            throw new IllegalStateException("unexpected SnakeYAML node type " + node.getClass());
        } finally {
            inProgress.remove(node);
            if (reused) {
                aliasDepth--;
            }
        }
    }

    private List<Object> sequence(SequenceNode node, String path) throws ConversionException {
        requireTag(node, Tag.SEQ);
        List<Object> list = new ArrayList<>();
        List<Node> items = node.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = child(path, Integer.toString(i));
            positions.put(itemPath, position(items.get(i).getStartMark()));
            list.add(value(items.get(i), itemPath));
        }
        return list;
    }

    private Map<String, Object> mapping(MappingNode node, String path) throws ConversionException {
        requireTag(node, Tag.MAP);
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Mark> firstSeen = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                throw new ConversionException(keyNode.getStartMark(),
                        "mapping keys must be plain scalars, not lists or maps");
            }
            Object keyValue = scalar((ScalarNode) keyNode);
            String key = String.valueOf(keyValue);
            Mark previous = firstSeen.putIfAbsent(key, keyNode.getStartMark());
            if (previous != null) {
                throw new ConversionException(keyNode.getStartMark(), "duplicate key \"" + key
                        + "\" (first declared at line " + (previous.getLine() + 1) + ")");
            }
            String keyPath = child(path, key);
            positions.put(keyPath, position(keyNode.getStartMark()));
            map.put(key, value(tuple.getValueNode(), keyPath));
        }
        return map;
    }

    private Object scalar(ScalarNode node) throws ConversionException {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (Tag.STR.equals(tag)) {
            return text;
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return bool(node, text);
        }
        if (Tag.INT.equals(tag)) {
            return integer(node, text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(node, text);
        }
        throw unsupportedTag(node);
    }

    private static Boolean bool(ScalarNode node, String text) throws ConversionException {
        String lower = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("true")) {
            return Boolean.TRUE;
        }
        if (lower.equals("false")) {
            return Boolean.FALSE;
        }
        throw new ConversionException(node.getStartMark(), "invalid boolean \"" + text + "\"");
    }

    /** The smallest of Integer, Long, BigInteger that holds the value. */
    static Number normalise(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    private static Number integer(ScalarNode node, String text) throws ConversionException {
        String digits = text.trim().replace("_", "");
        boolean negative = digits.startsWith("-");
        if (digits.startsWith("-") || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            return normalise(negative ? value.negate() : value);
        } catch (NumberFormatException e) {
            throw new ConversionException(node.getStartMark(), "invalid integer \"" + text + "\"");
        }
    }

    private static Double floating(ScalarNode node, String text) throws ConversionException {
        String t = text.trim().replace("_", "");
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ConversionException(node.getStartMark(), "invalid number \"" + text + "\"");
        }
    }

    private static void requireTag(Node node, Tag expected) throws ConversionException {
        if (!expected.equals(node.getTag())) {
            throw unsupportedTag(node);
        }
    }

    private static ConversionException unsupportedTag(Node node) {
        return new ConversionException(node.getStartMark(), "unsupported YAML tag " + node.getTag()
                + ": only strings, numbers, booleans, null, lists and maps are allowed");
    }

    static String child(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }
}
