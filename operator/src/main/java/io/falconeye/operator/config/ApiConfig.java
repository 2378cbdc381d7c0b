package io.falconeye.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the REST API and the PostgreSQL mirror. The reconcilers read {@link FalconEyeConfig},
 * and from here only where the settings ConfigMap is ({@link #namespace()}, {@link #settingsConfigMap()}).
 */
@ConfigMapping(prefix = "falcon-eye.api")
public interface ApiConfig {

    /** Namespace of the Falcon-Eye installation: cameras created through the API, settings, file servers. */
    @WithDefault("falcon-eye")
    String namespace();

    /**
     * Only these namespaces' Cameras and Recordings are listed and mirrored; all namespaces when
     * empty or JOSDK_ALL_NAMESPACES. By default the namespaces the operator reconciles
     * ({@code quarkus.operator-sdk.namespaces}, see application.properties).
     */
    @WithName("watch-namespaces")
    java.util.Optional<java.util.List<String>> watchNamespaces();

    /** ConfigMap holding the user-editable settings (DEFAULT_CAMERA_NODE, ...). */
    @WithName("settings-config-map")
    @WithDefault("falcon-eye-settings")
    String settingsConfigMap();

    /** Secret holding write-only settings (the chatbot's API key). */
    @WithName("settings-secret")
    @WithDefault("falcon-eye-secrets")
    String settingsSecret();

    /** Service in front of the per-node recording file servers (a DaemonSet of nginx). */
    @WithName("file-server-service")
    @WithDefault("falcon-eye-file-server")
    String fileServerService();

    @WithName("file-server-port")
    @WithDefault("8080")
    int fileServerPort();

    /** Path of the recordings folder inside recorder containers; file paths are reported under it. */
    @WithName("recordings-mount")
    @WithDefault("/recordings")
    String recordingsMount();

    /** Largest request body the API accepts, in bytes. */
    @WithName("max-body-bytes")
    @WithDefault("65536")
    int maxBodyBytes();
}
