package io.releasegate.cli;

import io.releasegate.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, shared by the commands that print a report. */
final class OutputOptions {
    /** The report formats. */
    enum Format { text, json, markdown }

    @Option(names = "--format", description = "text (default), json or markdown", defaultValue = "text")
    Format format = Format.text;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE (atomically) instead of stdout")
    Path output;

    /** Prints or writes the report. */
    void emit(String report, PrintWriter out) throws IOException {
        if (output == null) {
            out.print(report);
            out.flush();
        } else {
            ReportFiles.write(output, report);
        }
    }
}
