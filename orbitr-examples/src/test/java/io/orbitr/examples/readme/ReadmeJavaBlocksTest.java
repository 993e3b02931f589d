package io.orbitr.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the README against every module, as a reader would paste it: a block that
 * declares types is a compilation unit; any other block is the body of a method given the {@code Orbitr orbitr}
 * that the README's examples share, its imports kept at the top. A block that stops compiling fails the build with
 * its line in the README and the compiler's message.
 */
class ReadmeJavaBlocksTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public |final |abstract |sealed )*(class|record|interface|enum) ", Pattern.MULTILINE);
    private static final Pattern OPENS_ORBITR = Pattern.compile("\\bOrbitr orbitr\\s*=");

    /** One block: where it starts in the README and the source file made of it. */
    private record Block(int readmeLine, Path file) {
    }

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path sources) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(readme);
        while (matcher.find()) {
            int number = blocks.size() + 1;
            int line = (int) readme.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 2;
            Path file = sources.resolve("readme/block" + number + "/Block" + number + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, unit(matcher.group(1), number));
            blocks.add(new Block(line, file));
        }
        assertThat(blocks).as("java blocks in README.md").isNotEmpty();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(sources.resolve("classes"));
            List<String> options = List.of("-d", classes.toString(), "-proc:none", "-Xlint:none",
                    "-classpath", System.getProperty("java.class.path"));
            compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(blocks.stream().map(Block::file).toList())).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR || diagnostic.getSource() == null) {
                continue;
            }
            Path file = Path.of(diagnostic.getSource().toUri());
            Block block = blocks.stream().filter(b -> b.file().equals(file)).findFirst().orElseThrow();
            errors.add("README.md block at line " + block.readmeLine() + " (source line "
                    + diagnostic.getLineNumber() + "): " + diagnostic.getMessage(Locale.ROOT));
        }
        assertThat(errors).as("README java blocks that do not compile").isEmpty();
    }

    /** @return the block as a compilation unit in its own package, wrapped in a method unless it declares types */
    private static String unit(String block, int number) {
        StringBuilder imports = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : rest).append(line).append('\n');
        }
        String header = "package readme.block" + number + ";\n" + imports;
        String body = rest.toString();
        if (TYPE.matcher(body).find()) {
            // Several top-level types may share the file: none of them may be public.
            return header + body.replaceAll("(?m)^public ", "");
        }
        String given = OPENS_ORBITR.matcher(body).find() ? "" : "io.orbitr.core.Orbitr orbitr";
        return header + "class Block" + number + " {\n    void run(" + given + ") throws Exception {\n" + body
                + "    }\n}\n";
    }
}
