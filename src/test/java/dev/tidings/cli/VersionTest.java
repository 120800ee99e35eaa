package dev.tidings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void dashCapitalVPrintsTheVersionTheMavenBuildHas() throws Exception {
        // The project's own version element: the first <version> after </parent>-less <artifactId>tidings.
        Matcher m = Pattern.compile("<artifactId>tidings</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"-V"}, Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString().trim()).isEqualTo("tidings " + m.group(1));
    }
}
