package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasegate.view.ActiveHolds;
import io.jenkins.plugins.releasegate.view.HoldView;
import io.jenkins.plugins.releasegate.view.TrendChart;
import io.jenkins.plugins.releasegate.view.VerificationView;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.jexl.ExpressionFactory;
import org.apache.commons.jexl.parser.ASTIdentifier;
import org.apache.commons.jexl.parser.ASTMethod;
import org.apache.commons.jexl.parser.ASTReference;
import org.apache.commons.jexl.parser.Node;
import org.apache.commons.jexl.parser.Parser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Text;

/**
 * The Jelly views, checked the way Jenkins runs them, without a running Jenkins: every {@code ${...}} is parsed by the
 * JEXL that core evaluates views with ({@code org.jenkins-ci:commons-jexl}, through {@code hudson.ExpressionFactory2}),
 * where a parse error breaks the whole page, and every property of the typed views is resolved with that JEXL's rules
 * ({@code getFoo()}, then {@code isFoo()} returning {@code boolean}, then a public field; a method by name and arity),
 * where a name that matches nothing renders as an empty string without any error.
 */
class JellyViewsTest {
    private static final Path VIEWS = Path.of("src/main/resources");
    private static final String PACKAGE = "io/jenkins/plugins/releasegate/";

    /** The variables each typed view starts with: {@code it}, or what the including view sets. */
    private static Map<String, Map<String, Type>> typedViews() {
        Map<String, Map<String, Type>> views = new LinkedHashMap<>();
        views.put("ReleaseGateAction/index.jelly", Map.of("it", ReleaseGateAction.class, "rootURL", String.class));
        views.put("ReleaseGateAction/summary.jelly", Map.of("it", ReleaseGateAction.class, "rootURL", String.class));
        views.put("ReleaseGateAction/verification.jelly", Map.of("result", VerificationView.class));
        views.put("ReleaseGateJobAction/index.jelly", Map.of("it", ReleaseGateJobAction.class, "rootURL",
                String.class));
        views.put("ReleaseGateJobAction/jobMain.jelly", Map.of("it", ReleaseGateJobAction.class, "rootURL",
                String.class));
        views.put("ReleaseGateJobAction/trend.jelly", Map.of("trend", TrendChart.class, "rootURL", String.class));
        views.put("ReleaseGateJobAction/holds.jelly", Map.of("activeHolds", ActiveHolds.class, "rootURL",
                String.class));
        return views;
    }

    @Test
    void shouldParseEveryExpressionOfEveryViewWithTheJexlOfJenkins() throws IOException {
        // arrange
        List<Path> views;
        try (Stream<Path> files = Files.walk(VIEWS)) {
            views = files.filter(file -> file.toString().endsWith(".jelly")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();

        // act
        int parsed = 0;
        for (Path view : views) {
            for (String expression : expressions(Files.readString(view))) {
                parsed++;
                try {
                    ExpressionFactory.createExpression(expression);
                } catch (Exception e) {
                    problems.add(VIEWS.relativize(view) + ": ${" + expression + "}: " + e.getMessage());
                }
            }
        }

        // assert
        assertThat(views).hasSizeGreaterThanOrEqualTo(13);
        assertThat(parsed).isGreaterThan(200);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldFindAGetterForEveryPropertyOfTheTypedViews() throws Exception {
        // arrange
        Checker checker = new Checker();

        // act
        for (Map.Entry<String, Map<String, Type>> view : typedViews().entrySet()) {
            checker.view = view.getKey();
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(VIEWS.resolve(PACKAGE + view.getKey()).toFile()).getDocumentElement();
            checker.walk(root, new LinkedHashMap<>(view.getValue()));
        }

        // assert
        assertThat(checker.chains).isGreaterThan(150);
        assertThat(checker.problems).isEmpty();
    }

    @Test
    void shouldReportANameThatMatchesNoGetter() throws Exception {
        // arrange: the mistakes this test exists for, a property no getter serves and a keyword used as a property
        Checker checker = new Checker();
        checker.view = "a view with mistakes";
        Map<String, Type> scope = new LinkedHashMap<>(Map.of("trend", TrendChart.class, "result",
                VerificationView.class));

        // act
        checker.check("result.volumes", scope);
        checker.check("!trend.empty", scope);
        checker.check("result.hasMissing", scope);

        // assert
        assertThat(checker.problems).hasSize(2);
        assertThat(checker.problems.get(0)).contains("no getter for 'volumes'");
        assertThat(checker.problems.get(1)).contains("does not parse");
    }

    @Test
    void shouldResolveEveryPropertyOfTheHoldsTables() throws Exception {
        // arrange: the job page's "Active holds" and the build page's holds of a verification
        Checker checker = new Checker();
        checker.view = "ReleaseGateJobAction/holds.jelly";
        Element jobHolds = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(VIEWS.resolve(PACKAGE + checker.view).toFile()).getDocumentElement();

        // act
        checker.walk(jobHolds, new LinkedHashMap<>(typedViews().get(checker.view)));
        int chains = checker.chains;
        checker.check("row.hold.ends", new LinkedHashMap<>(Map.of("row", ActiveHolds.Row.class)));
        checker.check("h.owner", new LinkedHashMap<>(Map.of("h", HoldView.class)));
        checker.check("result.holds", new LinkedHashMap<>(Map.of("result", VerificationView.class)));

        // assert: every chain of the view resolves (pool, servers, until, owner, reason, state, time left, where),
        // and a name no getter serves is caught
        assertThat(chains).isGreaterThanOrEqualTo(15);
        assertThat(checker.problems).singleElement().asString()
                .contains("no getter for 'ends' on io.jenkins.plugins.releasegate.view.HoldView");
    }

    @Test
    void shouldOfferEveryOptionInTheFormWithItsHelp() throws Exception {
        // arrange: what the Snippet Generator and the global configuration bind, and what a form can hold
        List<Class<?>> configurable = List.of(ReleaseGateDiffStep.class, ReleaseGateApprovalStep.class,
                ReleaseGateVerifyStep.class, ReleaseGateStep.class, EscalationContact.class,
                ReleaseGateGlobalConfiguration.class);
        List<String> problems = new ArrayList<>();

        // act
        for (Class<?> type : configurable) {
            String form = Files.readString(view(type, "config.jelly"));
            for (String option : options(type)) {
                // change: is the map releaseGateDiff returns, which no form can hold: described, with its help
                if (!form.contains("field=\"" + option + "\"") && !(type == ReleaseGateApprovalStep.class
                        && option.equals("change"))) {
                    problems.add(type.getSimpleName() + ": no form field for '" + option + "'");
                }
                if (!Files.exists(view(type, "help-" + option + ".html"))) {
                    problems.add(type.getSimpleName() + ": no help-" + option + ".html");
                }
            }
        }

        // assert
        assertThat(problems).isEmpty();
    }

    /** The options Stapler binds: the parameters of the {@code @DataBoundConstructor}, then every setter. */
    private static List<String> options(Class<?> type) {
        List<String> options = new ArrayList<>();
        for (java.lang.reflect.Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(org.kohsuke.stapler.DataBoundConstructor.class)) {
                for (java.lang.reflect.Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
                    options.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class)) {
                options.add(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4));
            }
        }
        return options;
    }

    /** A view of {@code type} or of the nearest superclass that has it, as {@code Descriptor.getViewPage} looks. */
    private static Path view(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path path = VIEWS.resolve(c.getName().replace('.', '/').replace('$', '/') + "/" + name);
            if (Files.exists(path)) {
                return path;
            }
        }
        return VIEWS.resolve(type.getName().replace('.', '/') + "/" + name);
    }

    /** The bodies of {@code ${...}} in a text or an attribute, quotes respected, as Jelly splits them. */
    static List<String> expressions(String text) {
        List<String> found = new ArrayList<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int end = start + 2;
            char quote = 0;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '}') {
                    break;
                }
            }
            found.add(text.substring(start + 2, Math.min(end, text.length())));
            start = text.indexOf("${", end);
        }
        return found;
    }

    /** Resolves property chains against the views' types, as JEXL 1.1 resolves them on objects. */
    private static final class Checker {
        private final List<String> problems = new ArrayList<>();
        private String view;
        private int chains;

        void walk(Element element, Map<String, Type> scope) throws Exception {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                for (String expression : expressions(((Attr) attributes.item(i)).getValue())) {
                    check(expression, scope);
                }
            }
            Map<String, Type> inner = scope;
            if (element.getTagName().equals("j:forEach")) {
                inner = new LinkedHashMap<>(scope);
                inner.put(element.getAttribute("var"), elementType(typeOf(element.getAttribute("items"), scope)));
                if (element.hasAttribute("indexVar")) {
                    inner.put(element.getAttribute("indexVar"), Integer.class);
                }
            } else if (element.getTagName().equals("j:set")) {
                scope.put(element.getAttribute("var"), typeOf(element.getAttribute("value"), scope));
            }
            for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element nested) {
                    walk(nested, inner);
                } else if (child instanceof Text text) {
                    for (String expression : expressions(text.getData())) {
                        check(expression, inner);
                    }
                }
            }
        }

        void check(String expression, Map<String, Type> scope) throws Exception {
            Node tree = parse(expression);
            if (tree != null) {
                visit(tree, scope, expression);
            }
        }

        private Node parse(String expression) throws Exception {
            try {
                ExpressionFactory.createExpression(expression);
            } catch (Exception e) {
                problems.add(view + ": ${" + expression + "} does not parse: " + e.getMessage());
                return null;
            }
            return new Parser(new StringReader(";")).parse(new StringReader(expression + ";"));
        }

        /** The type of an attribute that is one reference, {@code ${a.b.c}}; Object otherwise. */
        private Type typeOf(String attribute, Map<String, Type> scope) throws Exception {
            List<String> found = expressions(attribute);
            if (found.size() != 1 || !attribute.strip().startsWith("${") || !attribute.strip().endsWith("}")) {
                return Object.class;
            }
            Node node = parse(found.get(0));
            while (node != null && node.jjtGetNumChildren() == 1 && !(node instanceof ASTReference)) {
                node = node.jjtGetChild(0);
            }
            return node instanceof ASTReference reference ? resolve(reference, scope, found.get(0)) : Object.class;
        }

        private void visit(Node node, Map<String, Type> scope, String expression) throws Exception {
            if (node instanceof ASTReference reference) {
                resolve(reference, scope, expression);
                for (int i = 1; i < node.jjtGetNumChildren(); i++) {
                    Node step = node.jjtGetChild(i);
                    for (int p = 1; step instanceof ASTMethod && p < step.jjtGetNumChildren(); p++) {
                        visit(step.jjtGetChild(p), scope, expression);
                    }
                }
                return;
            }
            for (int i = 0; i < node.jjtGetNumChildren(); i++) {
                visit(node.jjtGetChild(i), scope, expression);
            }
        }

        private Type resolve(ASTReference reference, Map<String, Type> scope, String expression) throws Exception {
            chains++;
            String root = name(reference.jjtGetChild(0));
            if (root == null || !scope.containsKey(root)) {
                problems.add(view + ": ${" + expression + "}: no variable '" + root + "' here");
                return Object.class;
            }
            Type type = scope.get(root);
            for (int i = 1; i < reference.jjtGetNumChildren(); i++) {
                Node step = reference.jjtGetChild(i);
                Class<?> owner = raw(type);
                if (step instanceof ASTIdentifier) {
                    type = property(owner, name(step));
                    if (type == null) {
                        problems.add(view + ": ${" + expression + "}: no getter for '" + name(step) + "' on "
                                + owner.getName());
                        return Object.class;
                    }
                } else if (step instanceof ASTMethod) {
                    type = method(owner, name(step.jjtGetChild(0)), step.jjtGetNumChildren() - 1);
                    if (type == null) {
                        problems.add(view + ": ${" + expression + "}: no public method '" + name(step.jjtGetChild(0))
                                + "' on " + owner.getName());
                        return Object.class;
                    }
                } else {
                    problems.add(view + ": ${" + expression + "}: cannot check " + step);
                    return Object.class;
                }
            }
            return type;
        }

        /** JEXL 1.1's PropertyExecutor, BooleanPropertyExecutor (primitive boolean only), then a public field. */
        private Type property(Class<?> owner, String property) {
            if (Map.class.isAssignableFrom(owner)) {
                return Object.class;
            }
            String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (String getter : List.of("get" + property, "get" + capitalized)) {
                Method method = publicMethod(owner, getter, 0);
                if (method != null) {
                    return method.getGenericReturnType();
                }
            }
            for (String getter : List.of("is" + property, "is" + capitalized)) {
                Method method = publicMethod(owner, getter, 0);
                if (method != null && method.getReturnType() == boolean.class) {
                    return boolean.class;
                }
            }
            try {
                return owner.getField(property).getGenericType();
            } catch (NoSuchFieldException e) {
                return null;
            }
        }

        private Type method(Class<?> owner, String name, int arity) {
            Method method = publicMethod(owner, name, arity);
            return method == null ? null : method.getGenericReturnType();
        }

        private static Method publicMethod(Class<?> owner, String name, int arity) {
            for (Method method : owner.getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == arity
                        && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                    return method;
                }
            }
            return null;
        }

        private Type elementType(Type items) {
            if (items instanceof ParameterizedType parameterized
                    && Iterable.class.isAssignableFrom(raw(parameterized))) {
                return parameterized.getActualTypeArguments()[0];
            }
            problems.add(view + ": j:forEach over " + items + ": not a typed list");
            return Object.class;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c == boolean.class ? Boolean.class : c.isPrimitive() ? Number.class : c;
            }
            if (type instanceof ParameterizedType parameterized) {
                return (Class<?>) parameterized.getRawType();
            }
            if (type instanceof WildcardType wildcard) {
                return raw(wildcard.getUpperBounds()[0]);
            }
            if (type instanceof TypeVariable<?> variable) {
                return raw(variable.getBounds()[0]);
            }
            return Object.class;
        }

        private static String name(Node node) throws Exception {
            if (!(node instanceof ASTIdentifier)) {
                return null;
            }
            Field value = ASTIdentifier.class.getDeclaredField("val");
            value.setAccessible(true);
            return (String) value.get(node);
        }
    }
}
