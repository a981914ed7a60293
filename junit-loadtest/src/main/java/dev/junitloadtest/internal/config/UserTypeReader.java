package dev.junitloadtest.internal.config;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotatedMethods;
import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.platform.commons.support.HierarchyTraversalMode;

import dev.junitloadtest.OnStart;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;

/**
 * Reads the user types of a load test class: its {@link UserType @UserType}s (or the class itself), each with its
 * tasks, hooks and wait. Internal.
 */
final class UserTypeReader {

    private final Class<?> testClass;
    private final WaitReader waits;

    UserTypeReader(Class<?> testClass, ConfigurationParameters parameters) {
        this.testClass = testClass;
        this.waits = new WaitReader(parameters);
    }

    /** The user types, at least one. */
    List<UserTypeSpec> read() {
        List<UserType> declared = findRepeatableAnnotations(testClass, UserType.class);
        if (declared.isEmpty()) {
            return List.of(userType(testClass, 1, 0));
        }
        List<UserTypeSpec> specs = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        // JUnit's annotation search folds identical annotations into one; the JDK's keeps them, to catch duplicates.
        Set<Class<?>> direct = new HashSet<>();
        for (UserType userType : testClass.getAnnotationsByType(UserType.class)) {
            if (!direct.add(userType.value())) {
                throw new LoadTestConfigurationException("@UserType lists " + userType.value().getName()
                        + " more than once; list each user type once and give it a weight or a fixed count.");
            }
        }
        for (UserType userType : declared) {
            if (!seen.add(userType.value())) {
                throw new LoadTestConfigurationException("@UserType lists " + userType.value().getName()
                        + " more than once; list each user type once and give it a weight or a fixed count.");
            }
            if (userType.weight() < 1) {
                throw new LoadTestConfigurationException("@UserType requires that `weight` be >= 1, but was "
                        + userType.weight() + " (for " + userType.value().getSimpleName() + ").");
            }
            if (userType.fixedCount() < 0) {
                throw new LoadTestConfigurationException("@UserType requires that `fixedCount` be >= 0, but was "
                        + userType.fixedCount() + " (for " + userType.value().getSimpleName() + ").");
            }
            specs.add(userType(userType.value(), userType.weight(), userType.fixedCount()));
        }
        if (!seen.contains(testClass) && !findAnnotatedMethods(testClass, Task.class,
                HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " has @Task methods but is not "
                    + "listed in its @UserType annotations, so they would never run; add @UserType("
                    + testClass.getSimpleName() + ".class) or move the tasks to a user type.");
        }
        return specs;
    }

    private UserTypeSpec userType(Class<?> type, int weight, int fixedCount) {
        String typeName = type.getSimpleName();
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " is abstract; virtual users are instances of it, so it must be a concrete class.");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " is an inner class; make it static (or top-level) so each virtual user can be created alone.");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " has no constructor without parameters; each virtual user is created with one.", e);
        } catch (RuntimeException e) {
            throw new LoadTestConfigurationException("The constructor of user type " + type.getName()
                    + " cannot be made accessible: " + e.getMessage(), e);
        }
        List<TaskSpec> tasks = new ArrayList<>();
        for (Method method : findAnnotatedMethods(type, Task.class, HierarchyTraversalMode.TOP_DOWN)) {
            Task task = findAnnotation(method, Task.class).orElseThrow();
            if (task.weight() < 1) {
                throw new LoadTestConfigurationException("@Task requires that `weight` be >= 1, but was "
                        + task.weight() + " (on " + typeName + "." + method.getName() + ").");
            }
            tasks.add(method("@Task", method, task.weight()));
        }
        if (tasks.isEmpty()) {
            throw new LoadTestConfigurationException(
                    "User type " + typeName + " has no @Task methods; a virtual user needs at least one task to run.");
        }
        long weights = tasks.stream().mapToLong(TaskSpec::weight).sum();
        if (weights > Integer.MAX_VALUE) {
            throw new LoadTestConfigurationException("@Task requires that the weights of a user type's tasks add up "
                    + "to at most " + Integer.MAX_VALUE + ", but those of " + typeName + " add up to " + weights
                    + "; use smaller weights in the same proportions.");
        }
        List<TaskSpec> onStart = hooks(type, OnStart.class, "@OnStart");
        List<TaskSpec> onStop = hooks(type, OnStop.class, "@OnStop");
        return new UserTypeSpec(type, constructor, weight, fixedCount, tasks, onStart, onStop, waits.read(type));
    }

    private List<TaskSpec> hooks(Class<?> type, Class<? extends Annotation> annotation,
            String label) {
        List<TaskSpec> hooks = new ArrayList<>();
        for (Method method : findAnnotatedMethods(type, annotation, HierarchyTraversalMode.TOP_DOWN)) {
            hooks.add(method(label, method, 1));
        }
        return hooks;
    }

    private TaskSpec method(String label, Method method, int weight) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (Modifier.isStatic(method.getModifiers())) {
            throw new LoadTestConfigurationException(label + " method " + where
                    + " is static; it runs on each virtual user's own instance, so it must be an instance method.");
        }
        if (Modifier.isPrivate(method.getModifiers())) {
            throw new LoadTestConfigurationException(label + " method " + where + " must not be private.");
        }
        if (method.getReturnType() != void.class) {
            throw new LoadTestConfigurationException(label + " method " + where + " must return void, but returns "
                    + method.getReturnType().getSimpleName() + ".");
        }
        List<TaskSpec.ParameterKind> kinds = new ArrayList<>();
        for (Class<?> parameter : method.getParameterTypes()) {
            if (parameter == Http.class) {
                kinds.add(TaskSpec.ParameterKind.HTTP);
            } else if (parameter == VirtualUser.class) {
                kinds.add(TaskSpec.ParameterKind.VIRTUAL_USER);
            } else {
                throw new LoadTestConfigurationException(label + " method " + where + " has a parameter of type "
                        + parameter.getName() + " that cannot be supplied; task and hook methods may take "
                        + "Http and VirtualUser.");
            }
        }
        method.setAccessible(true);
        return new TaskSpec(method, weight, kinds);
    }
}
