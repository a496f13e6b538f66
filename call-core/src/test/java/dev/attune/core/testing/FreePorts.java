package dev.attune.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers and clusters, so tests running side by side (two builds on one machine) never meet on a
 * guessed one. A single port: the OS picks it. A block for a Hazelcast cluster (its members take the ports after the
 * first in turn): below the OS's ephemeral range, where no outgoing connection takes one, and every port of it
 * checked free.
 */
public final class FreePorts {
  /** Linux starts handing out ephemeral ports at 32768: a block below it is not taken by a client socket. */
  private static final int BLOCKS_FROM = 20_000;
  private static final int BLOCKS_TO = 32_000;

  private FreePorts() {}

  /** A port free now on loopback. */
  public static int one() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }

  /** The first of {@code size} consecutive ports, each free now on loopback. */
  public static int block(int size) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(BLOCKS_FROM, BLOCKS_TO - size);
      if (allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + size + " free consecutive ports between " + BLOCKS_FROM + " and "
        + BLOCKS_TO);
  }

  private static boolean allFree(int base, int size) {
    for (int port = base; port < base + size; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
