package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A Secret in the camera's namespace holding its user name and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeysRef {

    @JsonPropertyDescription("Name of the Secret, in the camera's namespace.")
    @Required
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')",
            message = "credentialsSecretRef.name must be the name of a Secret (lower case letters, digits, '-' and '.')")
    private String name;

    @JsonPropertyDescription("Key of the user name in the Secret.")
    @Default("username")
    private String usernameKey = "username";

    @JsonPropertyDescription("Key of the password in the Secret.")
    @Default("password")
    private String passwordKey = "password";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUsernameKey() { return usernameKey; }
    public void setUsernameKey(String usernameKey) { this.usernameKey = usernameKey; }
    public String getPasswordKey() { return passwordKey; }
    public void setPasswordKey(String passwordKey) { this.passwordKey = passwordKey; }
}
