package io.certfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV cells as a spreadsheet will read them: quoted when needed, never run as a formula. */
class ExportFormatTest {

    @Test
    void cellsAreQuotedWhenTheyHoldSeparatorsQuotesOrLineBreaks() {
        assertThat(ExportFormat.csvCell(null)).isEmpty();
        assertThat(ExportFormat.csvCell("CN=shop, O=Example")).isEqualTo("\"CN=shop, O=Example\"");
        assertThat(ExportFormat.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportFormat.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ExportFormat.csvCell(42)).isEqualTo("42");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(ExportFormat.csvCell("=HYPERLINK(\"http://evil\")")).startsWith("\"'=HYPERLINK(");
        assertThat(ExportFormat.csvCell("+1")).isEqualTo("'+1");
        assertThat(ExportFormat.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExportFormat.csvCell(-3L)).as("a number stays a number").isEqualTo("-3");
        assertThat(ExportFormat.csvCell("CN=x")).as("only a leading sign").isEqualTo("CN=x");
    }

    @Test
    void anEmptyExportIsAHeaderOrAnEmptyArray() {
        for (ExportFormat format : ExportFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportFormat.Writer writer = format.writer(out);
            writer.begin();
            writer.end();
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).isEqualTo(format == ExportFormat.CSV ? String.join(",", ExportFormat.COLUMNS) + "\r\n"
                    : "[]");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.Writer writer = ExportFormat.JSON.writer(out);
        writer.begin();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "a");
        writer.write(row);
        writer.write(row);
        writer.end();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[\n{\"id\":\"a\"},\n{\"id\":\"a\"}\n]");
    }
}
