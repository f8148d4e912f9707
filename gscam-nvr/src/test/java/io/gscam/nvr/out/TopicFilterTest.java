package io.gscam.nvr.out;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicFilterTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "gscam/#,                      gscam/front/alarm,                               true",
            "gscam/#,                      gscam,                                           true",
            "gscam/+/alarm,                gscam/front/alarm,                               true",
            "gscam/+/alarm,                gscam/front/status,                              false",
            "gscam/+/alarm,                gscam/front/alarm/x,                             false",
            "homeassistant/+/+/config,     homeassistant/binary_sensor/gscam_a_motion/config, true",
            "homeassistant/+/+/config,     homeassistant/binary_sensor/node/obj/config,     false",
            "gscam/status,                 gscam/status,                                    true",
            "gscam/status,                 gscam/statu,                                     false",
    })
    void filtersMatchAsMqttSays(String filter, String topic, boolean matches) {
        assertThat(TopicFilter.matches(filter, topic)).isEqualTo(matches);
    }

    @Test
    void endpointsTakeTheSchemesAndDefaultPorts() {
        assertThat(MqttEndpoint.parse("tcp://broker:1884")).isEqualTo(new MqttEndpoint("broker", 1884, false));
        assertThat(MqttEndpoint.parse("mqtt://broker")).isEqualTo(new MqttEndpoint("broker", 1883, false));
        assertThat(MqttEndpoint.parse("mqtts://broker")).isEqualTo(new MqttEndpoint("broker", 8883, true));
        assertThat(MqttEndpoint.parse("ssl://10.0.0.2:9883")).isEqualTo(new MqttEndpoint("10.0.0.2", 9883, true));
        assertThatThrownBy(() -> MqttEndpoint.parse("http://u:pw@broker")).hasMessageNotContaining("pw");
    }
}
