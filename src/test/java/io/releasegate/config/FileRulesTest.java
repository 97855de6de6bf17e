package io.releasegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRulesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the shapes of the real-world files that were "not recognisable" before
        "frontends only | 'global\n    maxconn 200\nfrontend backlog\n    mode http\n    bind :8000\n'",
        "dispatch | 'listen fe_tcp\n    bind 127.0.0.1:26800\n    mode tcp\n    dispatch 127.0.0.1:26814\n'",
        "cache | 'cache small\n    total-max-size 4\n    max-age 240\nfrontend f\n    bind :80\n'",
        "userlist | 'global\n  user haproxy\nuserlist first\n\tgroup G1 users tiger\n'",
        "fcgi-app | 'fcgi-app test_1\n  docroot /path/to/chroot\n  index index.php\n'",
        "dummy backend, bare balance | 'global\nbackend dummy\n\tbalance\n'",
        "server-template only | 'backend app\n    server-template app 4 10.0.0.1:8080 check\n'",
        "http-errors | '   http-errors errors-1\n       errorfile 400 /x/400.http\n'",
        "only an .if block | '.if version_atleast(3.1-dev8)\ntraces\n\ttrace all sink stderr\n.endif\n'",
    })
    void shouldRecogniseHaproxyFilesThatDefineNoPoolOrOnlyTemplates(String shape, String content) {
        assertThat(FileRules.detect("haproxy.cfg", content)).as(shape).contains(ConfigFormat.HAPROXY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quoted block names | 'user nobody;\n\"events\" { \"worker_connections\" \"2048\"; }\n'",
        "upstream fragment | 'upstream app {\n    server 127.0.0.1:8081;\n}\n'",
    })
    void shouldRecogniseNginxFiles(String shape, String content) {
        assertThat(FileRules.detect("nginx.conf", content)).as(shape).contains(ConfigFormat.NGINX);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "prose | 'just words about a backend\n'",
        "an ini file | '[global]\nuser = x\n'",
    })
    void shouldNotRecogniseWhatIsNotLoadBalancerConfiguration(String shape, String content) {
        assertThat(FileRules.detect("notes.conf", content)).as(shape).isEqualTo(Optional.empty());
    }

    @Test
    void shouldNotRecogniseABinaryFile() {
        assertThat(FileRules.detect("lb.cfg", "global\n" + (char) 0 + "backend b\n    server s 1.2.3.4:80\n"))
                .isEmpty();
    }
}
