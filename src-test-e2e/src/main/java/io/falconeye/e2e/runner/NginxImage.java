package io.falconeye.e2e.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The official nginx image's entrypoint, run with Debian's nginx: templates under
 * {@code /etc/nginx/templates} ({@code *.template}) are rendered with envsubst into
 * {@code /etc/nginx/conf.d}, then {@code nginx -g 'daemon off;'} runs a main config that includes
 * them, as the image's own nginx.conf does. Mount paths in the rendered files are rewritten.
 */
final class NginxImage {

    static final String TEMPLATE_DIR = "/etc/nginx/templates";
    static final String OUTPUT_DIR = "/etc/nginx/conf.d";
    static final String SUFFIX = ".template";
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private NginxImage() {}

    /** Renders the templates and writes the main config under {@code prefix}; returns the command. */
    static List<String> prepare(Path prefix, Map<String, String> env, PathRewriter mounts) {
        try {
            Files.createDirectories(prefix.resolve("logs"));
            String templateDir = env.getOrDefault("NGINX_ENVSUBST_TEMPLATE_DIR", TEMPLATE_DIR);
            String suffix = env.getOrDefault("NGINX_ENVSUBST_TEMPLATE_SUFFIX", SUFFIX);
            String outputDir = env.getOrDefault("NGINX_ENVSUBST_OUTPUT_DIR", OUTPUT_DIR);
            Path output = mapped(mounts, outputDir).orElse(prefix.resolve("conf.d"));
            Files.createDirectories(output);
            Path templates = mapped(mounts, templateDir).orElse(null);
            if (templates != null && Files.isDirectory(templates)) {
                try (Stream<Path> files = Files.walk(templates)) {
                    for (Path template : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                        String relative = templates.relativize(template).toString();
                        Path target = output.resolve(relative.substring(0, relative.length() - suffix.length()));
                        Files.createDirectories(target.getParent());
                        Files.writeString(target, mounts.rewriteText(envsubst(Files.readString(template), env)));
                    }
                }
            }
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, mainConfig(prefix, output));
            return List.of(nginxBinary(), "-p", prefix + "/", "-c", conf.toString(), "-g", "daemon off;");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare nginx config in " + prefix, e);
        }
    }

    /** envsubst with the variables that are defined: {@code $VAR} and {@code ${VAR}} of others stay (nginx's own $uri, ...). */
    static String envsubst(String text, Map<String, String> env) {
        Matcher m = ENV_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(env.containsKey(name) ? env.get(name) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static java.util.Optional<Path> mapped(PathRewriter mounts, String containerPath) {
        String rewritten = mounts.rewrite(containerPath);
        return rewritten.equals(containerPath) ? java.util.Optional.empty() : java.util.Optional.of(Path.of(rewritten));
    }

    private static String mainConfig(Path prefix, Path confD) {
        // Workers of a root master would run as nobody and could not delete the recordings' files;
        // in the image the files and nginx belong to the same user too.
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 512; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log /dev/stdout;
                    sendfile on;
                    keepalive_timeout 65;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %2$s/*.conf;
                }
                """.formatted(prefix, confD);
    }

    private static String nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new PodSetupException("CreateContainerError",
                "nginx is not installed; install Debian's nginx (tools/apt-packages.txt, make deps)");
    }
}
