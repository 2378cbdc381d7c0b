package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: envFrom, then env (later wins), with
 * secretKeyRef, configMapKeyRef and the downward API's fieldRef resolved and {@code $(NAME)}
 * references expanded.
 */
public final class EnvResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private final ClusterObjects objects;

    public EnvResolver(ClusterObjects objects) {
        this.objects = objects;
    }

    public Map<String, String> resolve(Pod pod, Container container) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getSecretRef() != null) {
                    boolean optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
                    secret(namespace, from.getSecretRef().getName(), optional)
                            .ifPresent(s -> secretData(s).forEach((k, v) -> env.put(prefix + k, v)));
                }
                if (from.getConfigMapRef() != null) {
                    boolean optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
                    configMap(namespace, from.getConfigMapRef().getName(), optional)
                            .ifPresent(c -> configMapData(c).forEach((k, v) -> env.put(prefix + k, v)));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                String value = value(pod, var, env);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        return env;
    }

    /** {@code $(NAME)} becomes NAME's value when defined (else stays as is); {@code $$} becomes {@code $}. */
    public static String expand(String text, Map<String, String> env) {
        if (text == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "$";
            } else {
                replacement = env.getOrDefault(m.group(1), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(Pod pod, EnvVar var, Map<String, String> defined) {
        if (var.getValueFrom() == null) {
            return expand(var.getValue() == null ? "" : var.getValue(), defined);
        }
        String namespace = pod.getMetadata().getNamespace();
        SecretKeySelector secretKey = var.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
            boolean optional = Boolean.TRUE.equals(secretKey.getOptional());
            Optional<Secret> secret = secret(namespace, secretKey.getName(), optional);
            String value = secret.map(s -> secretData(s).get(secretKey.getKey())).orElse(null);
            if (value == null && secret.isPresent() && !optional) {
                throw new PodSetupException("CreateContainerConfigError",
                        "couldn't find key " + secretKey.getKey() + " in Secret " + namespace + "/" + secretKey.getName());
            }
            return value;
        }
        ConfigMapKeySelector configKey = var.getValueFrom().getConfigMapKeyRef();
        if (configKey != null) {
            boolean optional = Boolean.TRUE.equals(configKey.getOptional());
            Optional<ConfigMap> map = configMap(namespace, configKey.getName(), optional);
            String value = map.map(c -> configMapData(c).get(configKey.getKey())).orElse(null);
            if (value == null && map.isPresent() && !optional) {
                throw new PodSetupException("CreateContainerConfigError",
                        "couldn't find key " + configKey.getKey() + " in ConfigMap " + namespace + "/" + configKey.getName());
            }
            return value;
        }
        ObjectFieldSelector field = var.getValueFrom().getFieldRef();
        if (field != null) {
            return fieldValue(pod, field.getFieldPath());
        }
        throw new PodSetupException("CreateContainerConfigError",
                "env " + var.getName() + ": only secretKeyRef, configMapKeyRef and fieldRef are supported by the local runner");
    }

    static String fieldValue(Pod pod, String path) {
        Matcher label = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)']").matcher(path);
        if (label.matches()) {
            Map<String, String> map = "labels".equals(label.group(1))
                    ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(label.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP" -> pod.getStatus().getPodIP();
            case "status.hostIP" -> pod.getStatus().getHostIP();
            default -> throw new PodSetupException("CreateContainerConfigError",
                    "fieldRef " + path + " is not supported by the local runner");
        };
    }

    private Optional<Secret> secret(String namespace, String name, boolean optional) {
        Optional<Secret> secret = objects.secret(namespace, name);
        if (secret.isEmpty() && !optional) {
            throw new PodSetupException("CreateContainerConfigError", "secret \"" + name + "\" not found");
        }
        return secret;
    }

    private Optional<ConfigMap> configMap(String namespace, String name, boolean optional) {
        Optional<ConfigMap> map = objects.configMap(namespace, name);
        if (map.isEmpty() && !optional) {
            throw new PodSetupException("CreateContainerConfigError", "configmap \"" + name + "\" not found");
        }
        return map;
    }

    static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    static Map<String, String> configMapData(ConfigMap map) {
        return map.getData() == null ? Map.of() : map.getData();
    }
}
