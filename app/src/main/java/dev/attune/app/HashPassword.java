package dev.attune.app;

import dev.attune.assist.web.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -cp attune-all.jar dev.attune.app.HashPassword} prints a {@code passwordHash} for a users file.
 * The password is read without echo from the terminal (asked twice), or as one line from standard input when piped;
 * never from the command line, where it would end up in shell history and the process list.
 */
public final class HashPassword {
  private HashPassword() {}

  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (password == null || again == null || !Arrays.equals(password, again)) {
        System.err.println("The two passwords differ.");
        System.exit(1);
      }
      Arrays.fill(again, ' ');
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length < 8) {
      System.err.println("Use at least 8 characters.");
      System.exit(1);
    }
    System.out.println(PasswordHash.hash(password));
    Arrays.fill(password, ' ');
  }
}
