package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hotroom.logic.event.EventJson;
import org.hotroom.logic.event.InvalidEventException;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.UnknownRoomVersionException;

/**
 * {@code ./hotroom tool NAME}: runs one {@link Tool} over JSON lines, offline, with the logic's own
 * classes (and nothing of OSGi or the host: this class and the tools load only the json, room and
 * event packages and Jackson).
 *
 * <p>Protocol:
 * <ul>
 *   <li>stdin is read as lines of UTF-8 separated by {@code \n} (a {@code \r} before it is
 *       ignored); a last line without {@code \n} counts. Each line is one JSON object, the request.</li>
 *   <li>For every input line, exactly one line is written to stdout, in order, and flushed at once:
 *       the tool's response object, or {@code {"error": "..."}}. That includes lines that are
 *       empty or blank ({@code "empty line"}), not JSON, not strict JSON (duplicate keys, lone
 *       surrogates, bad UTF-8), not an object, or longer than {@link #MAX_LINE_BYTES}. So the Nth
 *       output line always answers the Nth input line.</li>
 *   <li>Responses are canonical JSON (sorted keys, no whitespace, UTF-8), so outputs of two
 *       implementations can be compared byte for byte. Events of room versions before 6 that hold
 *       non-canonical numbers are written the way their hashes see them ({@link EventJson}).</li>
 *   <li>Exit status 0 at the end of input; 2 for a usage error (no or unknown tool name), with
 *       the usage on stderr; stdout carries nothing but response lines.</li>
 * </ul>
 */
public final class ToolMain {

    /** Longest accepted request line. Longer lines are skipped and answered with an error. */
    public static final int MAX_LINE_BYTES = 64 << 20;

    private ToolMain() {}

    public static void main(String[] args) {
        int status = main(args, new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line: {@code NAME}, or {@code help} / {@code --help} / {@code list}. */
    static int main(String[] args, InputStream in, OutputStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")
                || args[0].equals("list"))) {
            PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
            p.print(usage());
            p.flush();
            return 0;
        }
        if (args.length != 1) {
            err.print(args.length == 0 ? usage() : "hotroom tool: expected one tool name\n" + usage());
            return 2;
        }
        Tool tool = Tools.find(args[0]).orElse(null);
        if (tool == null) {
            err.print("hotroom tool: unknown tool '" + args[0] + "'\n" + usage());
            return 2;
        }
        try {
            run(tool, in, out);
        } catch (IOException e) {
            // stdout or stdin closed under us: nobody is left to answer
            err.println("hotroom tool: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: hotroom tool NAME < requests.jsonl > responses.jsonl\n")
                .append("  one JSON object per line in, one per line out, in order; errors as {\"error\": \"...\"}\n")
                .append("tools:\n");
        for (Tool t : Tools.all()) {
            sb.append(String.format("  %-15s %s%n", t.name(), t.synopsis()));
        }
        return sb.toString();
    }

    /** Answers every line of {@code in} on {@code out}, flushing after each. */
    public static void run(Tool tool, InputStream in, OutputStream out) throws IOException {
        run(tool, in, out, MAX_LINE_BYTES);
    }

    static void run(Tool tool, InputStream in, OutputStream out, int maxLineBytes) throws IOException {
        LineReader lines = new LineReader(in, maxLineBytes);
        OutputStream o = new BufferedOutputStream(out, 1 << 16);
        for (Line line = lines.next(); line != null; line = lines.next()) {
            o.write(answer(tool, line, maxLineBytes));
            o.write('\n');
            o.flush();
        }
    }

    /** The response line (without the newline) for one input line. */
    static byte[] answer(Tool tool, Line line, int maxLineBytes) {
        if (line.tooLong()) {
            return error("line longer than " + maxLineBytes + " bytes");
        }
        byte[] bytes = line.bytes();
        if (isBlank(bytes)) {
            return error("empty line: expected a JSON object");
        }
        try {
            ObjectNode request = StrictJson.parseObject(bytes);
            return EventJson.encodeLegacy(tool.handle(new ToolRequest(request)));
        } catch (JsonRejectedException e) {
            return error(e.getMessage());
        } catch (ToolException | InvalidEventException | UnknownRoomVersionException e) {
            return error(e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a bug, or a request too large: answer it and go on with the next line
            return error("internal error: " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
    }

    static byte[] error(String message) {
        ObjectNode o = Json.object();
        o.put("error", message == null ? "error" : message);
        return EventJson.encodeLegacy(o);
    }

    private static boolean isBlank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** One input line, without its {@code \n} and a {@code \r} before it; or a line that was too long. */
    record Line(byte[] bytes, boolean tooLong) {}

    /** Splits a byte stream on {@code \n}, keeping at most {@code max} bytes of a line. */
    static final class LineReader {
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean eof;

        LineReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        /** The next line, or null at the end of input. */
        Line next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    if (eof || !fill()) {
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int nl = -1;
                for (int i = pos; i < end; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                int stop = nl < 0 ? end : nl;
                if (!tooLong) {
                    if ((long) line.size() + (stop - pos) > max) {
                        tooLong = true;
                        line = new ByteArrayOutputStream();
                    } else {
                        line.write(buf, pos, stop - pos);
                    }
                }
                if (nl >= 0) {
                    pos = nl + 1;
                    break;
                }
                pos = end;
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                bytes = Arrays.copyOf(bytes, bytes.length - 1);
            }
            return new Line(bytes, tooLong);
        }

        private boolean fill() throws IOException {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }
    }
}
