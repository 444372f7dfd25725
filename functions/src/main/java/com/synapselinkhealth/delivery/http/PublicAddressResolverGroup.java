package com.synapselinkhealth.delivery.http;

import com.synapselinkhealth.delivery.BlockedCallbackException;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The HTTP client's name resolver: resolves like the JDK, then refuses any non-public address, so the address
 * that is checked is the address that is connected to (a DNS change after subscribe time cannot smuggle a
 * callback onto an internal address).
 */
final class PublicAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private final CallbackAddressPolicy policy;

    PublicAddressResolverGroup(CallbackAddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new CheckingNameResolver(executor, policy));
    }

    private static final class CheckingNameResolver extends InetNameResolver {
        private final CallbackAddressPolicy policy;

        CheckingNameResolver(EventExecutor executor, CallbackAddressPolicy policy) {
            super(executor);
            this.policy = policy;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            try {
                InetAddress[] all = InetAddress.getAllByName(host);
                policy.checkAll(host, all);
                promise.setSuccess(all[0]);
            } catch (UnknownHostException | BlockedCallbackException e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            try {
                InetAddress[] all = InetAddress.getAllByName(host);
                policy.checkAll(host, all);
                promise.setSuccess(Arrays.asList(all));
            } catch (UnknownHostException | BlockedCallbackException e) {
                promise.setFailure(e);
            }
        }
    }
}
