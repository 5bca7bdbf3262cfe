package org.amtsgang.payment.sandbox.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** {@link SandboxConfig}s as configuration admin would hand them over: given values, else the defaults. */
final class TestConfigs {

    private TestConfigs() {}

    static SandboxConfig sandbox(Map<String, Object> values) {
        return (SandboxConfig) Proxy.newProxyInstance(
                SandboxConfig.class.getClassLoader(), new Class<?>[] {SandboxConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return method.getName().equals("toString") ? "SandboxConfig" + values : null;
                });
    }
}
