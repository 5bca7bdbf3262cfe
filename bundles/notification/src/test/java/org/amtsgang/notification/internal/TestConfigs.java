package org.amtsgang.notification.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** {@link SmtpConfig}s as configuration admin would hand them over: given values, else the defaults. */
final class TestConfigs {

    private TestConfigs() {}

    static SmtpConfig smtp(Map<String, Object> values) {
        return (SmtpConfig) Proxy.newProxyInstance(
                SmtpConfig.class.getClassLoader(), new Class<?>[] {SmtpConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    // Object's methods: enough for logging and assertion messages
                    return method.getName().equals("toString") ? "SmtpConfig" + values : null;
                });
    }
}
