package io.falconeye.relay.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg executable shipped in bytedeco's FFmpeg jar, extracted on first use. */
public final class FfmpegExecutable {

    private static volatile Path path;

    private FfmpegExecutable() {}

    public static Path path() {
        if (path == null) {
            path = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        }
        return path;
    }

    /** A process builder for ffmpeg; the executable needs the libraries extracted beside it. */
    public static ProcessBuilder processBuilder(List<String> args) {
        Path executable = path();
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        String folder = executable.getParent().toString();
        String existing = builder.environment().get("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH",
                existing == null || existing.isBlank() ? folder : folder + ":" + existing);
        return builder;
    }
}
