package dev.junitloadtest.internal.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.HostResolution;

/**
 * The two sources of the host that only code gives, as lookups for {@link HostResolution}, which owns their order: a
 * {@link TargetHost @TargetHost} method or field, and an extension's {@link LoadTestHost#publish}. Both are read when
 * the run starts, after the class's {@code @BeforeAll} methods. Internal.
 */
final class HostResolver {

    private HostResolver() {
    }

    /** The lookups of the hosts {@code testClass}'s code gives, in the store of {@code classContext}. */
    static HostResolution.CodeSources inCode(ExtensionContext classContext, Class<?> testClass) {
        return new HostResolution.CodeSources(
                () -> targetHostMember(testClass).map(member -> HostResolution.Source.TARGET_HOST.found(
                        read(member, testClass), testClass.getSimpleName() + "." + member.getName())),
                () -> LoadTestHost.published(classContext).map(HostResolution.Source.EXTENSION::found));
    }

    /** The members annotated {@code @TargetHost}, validated; at most one. */
    static Optional<Member> targetHostMember(Class<?> testClass) {
        List<Member> members = new ArrayList<>();
        members.addAll(AnnotationSupport.findAnnotatedMethods(testClass, TargetHost.class,
                HierarchyTraversalMode.TOP_DOWN));
        members.addAll(AnnotationSupport.findAnnotatedFields(testClass, TargetHost.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN));
        if (members.size() > 1) {
            throw new LoadTestConfigurationException("@TargetHost is on " + members.size() + " members of "
                    + testClass.getSimpleName() + " (" + members.stream().map(Member::getName).toList()
                    + "); a load test has one host, mark one member.");
        }
        for (Member member : members) {
            String where = testClass.getSimpleName() + "." + member.getName();
            if (!Modifier.isStatic(member.getModifiers())) {
                throw new LoadTestConfigurationException("@TargetHost member " + where + " must be static: it is read "
                        + "once per run, before any virtual user exists.");
            }
            if (member instanceof Method method && method.getParameterCount() > 0) {
                throw new LoadTestConfigurationException("@TargetHost method " + where
                        + " must not take parameters.");
            }
        }
        return members.stream().findFirst();
    }

    /** Reads the host from {@code member}. */
    private static URI read(Member member, Class<?> testClass) {
        String where = "@TargetHost " + (member instanceof Method ? "method " : "field ") + testClass.getSimpleName()
                + "." + member.getName();
        Object value;
        try {
            if (member instanceof Method method) {
                method.setAccessible(true);
                value = method.invoke(null);
            } else {
                Field field = (Field) member;
                field.setAccessible(true);
                value = field.get(null);
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new LoadTestConfigurationException(where + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new LoadTestConfigurationException(where + " cannot be read: " + e, e);
        }
        if (value instanceof Supplier<?> supplier) {
            value = supplier.get();
        }
        if (value == null) {
            throw new LoadTestConfigurationException(where + " returned null; it must supply the host when the run "
                    + "starts (after @BeforeAll), e.g. \"http://127.0.0.1:8080\".");
        }
        if (value instanceof URI || value instanceof URL || value instanceof String) {
            return HostResolution.parse(value.toString(), where);
        }
        throw new LoadTestConfigurationException(where + " supplies a " + value.getClass().getName()
                + "; it must be a String, URI or URL (or a Supplier of one).");
    }
}
