package io.millrace.devcluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real dev cluster: one KRaft broker and one schema registry per test JVM, started on
 * first use and stopped (with their files removed) when the test run ends. Declare a {@link DevCluster}
 * parameter on a test method, constructor or lifecycle method of a class annotated
 * {@code @ExtendWith(DevClusterExtension.class)}.
 */
public final class DevClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedCluster.class, key -> new SharedCluster(), SharedCluster.class)
            .cluster();
    }

    /** The shared cluster, closed by JUnit when the root context closes. */
    private record SharedCluster(DevCluster cluster) implements AutoCloseable {

        SharedCluster() {
            this(DevCluster.start(DevClusterConfig.defaults()));
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
