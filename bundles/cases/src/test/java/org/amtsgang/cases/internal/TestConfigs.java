package org.amtsgang.cases.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** {@link CasesConfig}s as configuration admin would hand them over: given values, else the defaults. */
final class TestConfigs {

    private TestConfigs() {}

    static CasesConfig cases(Map<String, Object> values) {
        return (CasesConfig) Proxy.newProxyInstance(
                CasesConfig.class.getClassLoader(), new Class<?>[] {CasesConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    // Object's methods: enough for logging and assertion messages
                    return method.getName().equals("toString") ? "CasesConfig" + values : null;
                });
    }
}
