package org.hakmem.assembly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hakmem.api.Mode;
import org.hakmem.api.spi.Config;
import org.hakmem.api.spi.Setting;

/** The validated value of every declared setting, with its source. Read-only once built. */
final class Configuration implements Config {

    private final Mode mode;
    private final Map<String, Sources.Value> values = new LinkedHashMap<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    Configuration(Mode mode, Sources sources, List<Setting> declared) {
        this.mode = mode;
        for (Setting setting : declared) {
            Setting previous = settings.putIfAbsent(setting.key(), setting);
            if (previous != null && previous != setting) {
                throw new IllegalStateException("setting " + setting.key() + " is declared twice");
            }
            values.put(setting.key(), setting == CoreSettings.MODE ? sources.mode() : sources.resolve(setting, mode));
        }
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public boolean flag(Setting setting) {
        return "1".equals(value(setting, Setting.Type.FLAG));
    }

    @Override
    public long number(Setting setting) {
        return Long.parseLong(value(setting, setting.type() == Setting.Type.SIZE ? Setting.Type.SIZE : Setting.Type.NUMBER));
    }

    @Override
    public String choice(Setting setting) {
        return value(setting, Setting.Type.CHOICE);
    }

    private String value(Setting setting, Setting.Type type) {
        Sources.Value value = values.get(setting.key());
        if (value == null || setting.type() != type) {
            throw new IllegalStateException("setting " + setting.key() + " of type " + setting.type()
                    + " was not declared by the assembly or a selected Box");
        }
        return value.value();
    }

    /** Every setting with its value and source, in declaration order. */
    Map<Setting, Sources.Value> entries() {
        Map<Setting, Sources.Value> entries = new LinkedHashMap<>();
        settings.forEach((key, setting) -> entries.put(setting, values.get(key)));
        return entries;
    }
}
