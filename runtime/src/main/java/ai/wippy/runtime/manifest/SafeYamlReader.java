package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads one YAML or JSON file into a {@link YamlDocument} with SnakeYAML's safety limits on
 * (size, aliases, nesting, duplicate keys) and without any constructor, so no tag can create
 * objects. Every failure becomes a {@link Problem}; nothing here throws for a bad file.
 */
final class SafeYamlReader {

    /** Either a document or the problem that prevented reading it. */
    record Outcome(YamlDocument document, Problem problem) {
        static Outcome of(YamlDocument document) {
            return new Outcome(document, null);
        }

        static Outcome failed(SourcePosition position, String message) {
            return new Outcome(null, new Problem(position, null, message));
        }
    }

    private final long maxFileBytes;
    private final int maxAliases;

    SafeYamlReader(long maxFileBytes, int maxAliases) {
        this.maxFileBytes = maxFileBytes;
        this.maxAliases = maxAliases;
    }

    Outcome read(Path file, String displayName) {
        SourcePosition filePosition = SourcePosition.ofFile(displayName);
        String text;
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                return Outcome.failed(filePosition, "file is too large: " + size
                        + " bytes, the limit is " + maxFileBytes + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return Outcome.failed(filePosition, "file is not valid UTF-8");
        } catch (IOException e) {
            return Outcome.failed(filePosition, "cannot read file: " + e.getMessage());
        }
        return parse(text, displayName);
    }

    Outcome parse(String text, String displayName) {
        NodeConverter converter = new NodeConverter(displayName);
        try {
            LoaderOptions options = loaderOptions();
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options),
                    new CoreSchemaResolver(), options);
            Node root = composer.getSingleNode();
            if (root == null) {
                return Outcome.of(new YamlDocument(null, java.util.Map.of()));
            }
            return Outcome.of(converter.convert(root));
        } catch (NodeConverter.ConversionException e) {
            return Outcome.failed(converter.position(e.mark()), e.getMessage());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : "syntax error";
            return Outcome.failed(converter.position(mark), "invalid YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            return Outcome.failed(SourcePosition.ofFile(displayName), "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(maxAliases);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(1, maxFileBytes)));
        options.setMergeOnCompose(true);
        options.setTagInspector(tag -> false);
        return options;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
