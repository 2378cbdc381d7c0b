package io.falconeye.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe executables shipped inside bytedeco's FFmpeg jar (GPL build, with
 * libx264), extracted to the JavaCPP cache on first use.
 *
 * <p>They link against the libav* libraries extracted beside them, so a process must run with
 * {@code LD_LIBRARY_PATH} pointing at that folder: use {@link #processBuilder(List)} or
 * {@link #environment()}.
 */
public final class BundledFfmpeg {

    private static volatile Path ffmpeg;
    private static volatile Path ffprobe;

    private BundledFfmpeg() {}

    /** Path of the ffmpeg executable. */
    public static Path executable() {
        if (ffmpeg == null) {
            ffmpeg = load(org.bytedeco.ffmpeg.ffmpeg.class);
        }
        return ffmpeg;
    }

    /** Path of the ffprobe executable. */
    public static Path ffprobe() {
        if (ffprobe == null) {
            ffprobe = load(org.bytedeco.ffmpeg.ffprobe.class);
        }
        return ffprobe;
    }

    /** Environment additions for running the executables: {@code LD_LIBRARY_PATH}. */
    public static Map<String, String> environment() {
        return environment(System.getenv("LD_LIBRARY_PATH"));
    }

    static Map<String, String> environment(String existingLibraryPath) {
        String folder = executable().getParent().toString();
        Map<String, String> env = new HashMap<>();
        env.put("LD_LIBRARY_PATH", existingLibraryPath == null || existingLibraryPath.isBlank()
                ? folder : folder + ":" + existingLibraryPath);
        return env;
    }

    /** {@code ffmpeg args...} ready to start, with the library path set. */
    public static ProcessBuilder processBuilder(List<String> args) {
        return builder(executable(), args);
    }

    /** {@code ffprobe args...} ready to start, with the library path set. */
    public static ProcessBuilder ffprobeProcessBuilder(List<String> args) {
        return builder(ffprobe(), args);
    }

    private static ProcessBuilder builder(Path executable, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment(builder.environment().get("LD_LIBRARY_PATH")));
        return builder;
    }

    private static Path load(Class<?> executableClass) {
        try {
            return Path.of(Loader.load(executableClass));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("cannot extract the bundled " + executableClass.getSimpleName()
                    + " executable (is Debian's libpulse0 installed?): " + e.getMessage(), e);
        }
    }
}
