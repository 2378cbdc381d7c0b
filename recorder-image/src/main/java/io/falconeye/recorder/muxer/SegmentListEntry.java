package io.falconeye.recorder.muxer;

/**
 * One line of ffmpeg's CSV segment list: {@code file,start,end} (times in stream seconds). A
 * file name with a comma or quote is quoted CSV-style.
 */
public record SegmentListEntry(String fileName, double start, double end) {

    /** Parses a line, or returns null for a line that is not a segment entry. */
    public static SegmentListEntry parse(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        String name;
        String rest;
        if (line.startsWith("\"")) {
            int close = line.lastIndexOf("\",");
            if (close < 1) {
                return null;
            }
            name = line.substring(1, close).replace("\"\"", "\"");
            rest = line.substring(close + 2);
        } else {
            int comma = line.indexOf(',');
            if (comma < 1) {
                return null;
            }
            name = line.substring(0, comma);
            rest = line.substring(comma + 1);
        }
        String[] times = rest.split(",");
        if (times.length != 2) {
            return null;
        }
        try {
            return new SegmentListEntry(name, Double.parseDouble(times[0]), Double.parseDouble(times[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public double durationSeconds() {
        return end - start;
    }
}
