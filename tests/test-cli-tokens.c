/* test-cli-tokens.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <json-glib/json-glib.h>

#include "pkio-test-card.h"
#include "pkio-test-tokens.h"

/* `pkio-order tokens` against the SoftHSM tokens of pkio-test-tokens.c, and
 * against what `p11-kit list-modules` says about the same tokens. */

static PkioTestTokens *tokens;

static char *
run_capture (const char * const *argv,
             int                *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  /* What the command said goes to the log, for when a check fails. */
  if (err != NULL && *err != '\0')
    g_test_message ("%s said: %s", argv[1], err);
  if (exit_status)
    *exit_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;

  return out;
}

static JsonObject *
run_tokens_json (const char * const *extra_args,
                 JsonParser        **parser_out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  int status;

  g_strv_builder_add_many (builder, g_getenv ("PKIO_ORDER_BIN"), "tokens", "--json", NULL);
  if (extra_args)
    g_strv_builder_addv (builder, (const char **)extra_args);
  argv = g_strv_builder_end (builder);

  out = run_capture ((const char * const *)argv, &status);
  g_assert_cmpint (status, ==, 0);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (json_parser_get_root (*parser_out));
}

static void
add_token_keys (GPtrArray  *keys,
                const char *module,
                const char *label,
                const char *serial)
{
  g_ptr_array_add (keys, g_strdup_printf ("%s|%s|%s", module, label, serial));
}

/* The token lines of `p11-kit list-modules`, trust-policy modules left out
 * as the monitor does. Its output has no stable format; both known ones are
 * read. */
static GPtrArray *
p11_kit_token_keys (void)
{
  const char *argv[] = { "p11-kit", "list-modules", NULL };
  g_autofree char *out = run_capture (argv, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *module = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];

      /* A module's first line is "NAME: FILE" up to p11-kit 0.24 and
       * "module: NAME" from 0.25 on. */
      if (g_str_has_prefix (line, "module: "))
        {
          g_free (module);
          module = g_strstrip (g_strdup (line + strlen ("module: ")));
        }
      else if (line[0] != ' ' && strchr (line, ':'))
        {
          g_free (module);
          module = g_strndup (line, strchr (line, ':') - line);
        }
      else if (g_str_has_prefix (line, "    token:"))
        {
          g_free (label);
          label = g_strstrip (g_strdup (line + strlen ("    token:")));
        }
      else if (g_str_has_prefix (line, "        serial-number:") && label != NULL)
        {
          g_autofree char *serial = g_strstrip (g_strdup (line + strlen ("        serial-number:")));

          if (!g_str_equal (module, "p11-kit-trust"))
            add_token_keys (keys, module, label, serial);
          g_clear_pointer (&label, g_free);
        }
    }

  return keys;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static void
test_agrees_with_p11_kit (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = run_tokens_json (NULL, &parser);
  JsonArray *list = json_object_get_array_member (root, "tokens");
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) theirs = p11_kit_token_keys ();
  gboolean found_signing = FALSE;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *token = json_array_get_object_element (list, i);

      add_token_keys (ours, json_object_get_string_member (token, "module"),
                      json_object_get_string_member (token, "label"),
                      json_object_get_string_member (token, "serial"));
      found_signing |= g_str_equal (json_object_get_string_member (token, "label"),
                                    PKIO_TEST_SIGNING_LABEL);
    }

  g_ptr_array_sort (ours, compare_strings);
  g_ptr_array_sort (theirs, compare_strings);

  for (guint i = 0; i < theirs->len; i++)
    g_test_message ("p11-kit: %s", (char *)g_ptr_array_index (theirs, i));
  for (guint i = 0; i < ours->len; i++)
    g_test_message ("pkio-order: %s", (char *)g_ptr_array_index (ours, i));

  g_assert_true (found_signing);
  g_assert_cmpuint (ours->len, ==, theirs->len);
  for (guint i = 0; i < ours->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ours, i), ==, g_ptr_array_index (theirs, i));
}

static JsonObject *
find_token (JsonObject *root,
            const char *label)
{
  JsonArray *list = json_object_get_array_member (root, "tokens");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *token = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (token, "label"), label))
        return token;
    }

  return NULL;
}

static void
test_json_details (void)
{
  const char *args[] = { "--only-listed", "--module", PKIO_TEST_SOFTHSM_MODULE, NULL };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = run_tokens_json (args, &parser);
  JsonObject *signing = find_token (root, PKIO_TEST_SIGNING_LABEL);
  JsonObject *empty = find_token (root, PKIO_TEST_EMPTY_LABEL);
  JsonArray *certs;
  JsonObject *cert;
  JsonObject *module;

  g_assert_nonnull (signing);
  g_assert_nonnull (empty);

  module = json_array_get_object_element (json_object_get_array_member (root, "modules"), 0);
  g_assert_cmpstr (json_object_get_string_member (module, "state"), ==, "ok");

  g_assert_cmpstr (json_object_get_string_member (signing, "serial"), ==, tokens->signing_serial);
  g_assert_cmpstr (json_object_get_string_member (signing, "model"), ==, "SoftHSM v2");
  g_assert_cmpstr (json_object_get_string_member (signing, "pin_state"), ==, "no-warning");
  g_assert_cmpint (json_object_get_int_member (signing, "min_pin_length"), ==, 4);
  g_assert_true (json_object_get_boolean_member (signing, "ready_to_sign"));

  certs = json_object_get_array_member (signing, "certificates");
  g_assert_cmpuint (json_array_get_length (certs), ==, 1);
  cert = json_array_get_object_element (certs, 0);
  g_assert_cmpstr (json_object_get_string_member (cert, "common_name"), ==, PKIO_TEST_SIGNER_CN);
  g_assert_cmpstr (json_object_get_string_member (cert, "serial"), ==, tokens->cert_serial);
  g_assert_cmpstr (json_object_get_string_member (cert, "validity"), ==, "valid");
  g_assert_true (json_object_get_boolean_member (cert, "non_repudiation"));

  g_assert_false (json_object_get_boolean_member (empty, "ready_to_sign"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "certificates")),
                    ==, 0);
}

static void
test_text_and_pin_warning (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (
    tokens, "cli-final-try",
    "present=1\nlabel=Citizen\nserial=42\n"
    "flags=token_initialized,login_required,user_pin_initialized,final_try\n");
  const char *argv[] = { g_getenv ("PKIO_ORDER_BIN"), "tokens", "--only-listed",
                         "--module", module, NULL };
  g_autofree char *out = NULL;
  int status;

  out = run_capture (argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Token: Citizen\n"));
  g_assert_nonnull (strstr (out, "Serial number: 42\n"));
  g_assert_nonnull (strstr (out, "Model: eToken 5110 CC\n"));
  g_assert_nonnull (strstr (out, "PIN: One try left: a wrong PIN locks the token; "
                                 "contact DigiCert to unblock it.\n"));
  g_assert_nonnull (strstr (out, "Ready to sign: no\n"));
}

/* The flags of a token of p11-kit list-modules, by label. */
static GPtrArray *
p11_kit_token_flags (const char *wanted_label)
{
  const char *argv[] = { "p11-kit", "list-modules", NULL };
  g_autofree char *out = run_capture (argv, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *flags = g_ptr_array_new_with_free_func (g_free);
  gboolean in_token = FALSE, in_flags = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "    token:"))
        {
          g_autofree char *label = g_strstrip (g_strdup (line + strlen ("    token:")));

          if (in_token)
            break;
          in_token = g_str_equal (label, wanted_label);
          in_flags = FALSE;
        }
      else if (in_token && g_str_has_prefix (line, "        flags:"))
        {
          in_flags = TRUE;
        }
      /* A flag is indented below "flags:": by 15 spaces in p11-kit 0.24,
       * by 14 in 0.25. */
      else if (in_flags && g_str_has_prefix (line, "         "))
        {
          g_ptr_array_add (flags, g_strstrip (g_strdup (line)));
        }
      else if (in_flags)
        {
          in_flags = FALSE;
        }
    }

  return flags;
}

/* Every flag as p11-kit names it (rng, restore-key-not-needed…), in its
 * order; key usage by RFC 5280 name. */
static void
test_flags_and_key_usage (void)
{
  const char *args[] = { "--only-listed", "--module", PKIO_TEST_SOFTHSM_MODULE, NULL };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) theirs = p11_kit_token_flags (PKIO_TEST_SIGNING_LABEL);
  JsonObject *root = run_tokens_json (args, &parser);
  JsonArray *list = json_object_get_array_member (root, "tokens");
  JsonObject *signing = NULL;
  JsonArray *flags, *usage;
  JsonObject *cert;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *token = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (token, "label"), PKIO_TEST_SIGNING_LABEL))
        signing = token;
    }
  g_assert_nonnull (signing);

  g_assert_cmpuint (theirs->len, >, 0);
  g_assert_true (g_ptr_array_find_with_equal_func (theirs, "rng", g_str_equal, NULL));
  flags = json_object_get_array_member (signing, "flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, theirs->len);
  for (guint i = 0; i < theirs->len; i++)
    g_assert_cmpstr (json_array_get_string_element (flags, i), ==, g_ptr_array_index (theirs, i));

  cert = json_array_get_object_element (json_object_get_array_member (signing, "certificates"), 0);
  usage = json_object_get_array_member (cert, "key_usage");
  g_assert_nonnull (usage);
  g_assert_cmpuint (json_array_get_length (usage), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (usage, 0), ==, "digitalSignature");
  g_assert_cmpstr (json_array_get_string_element (usage, 1), ==, "nonRepudiation");
  g_assert_true (json_object_get_boolean_member (cert, "qualified"));
  g_assert_cmpstr (json_object_get_string_member (signing, "readiness"), ==, "yes");
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* A module stuck in any entry point, loading included: the command still
 * lists the other module's token, names the stuck one, and exits. */
static void
test_hanging_module_exits (gconstpointer data)
{
  const char *entry_point = data;
  g_autofree char *stuck_state = g_strdup_printf ("present=1\ncert=%s\nhang=%s\n",
                                                  tokens->cert_der, entry_point);
  g_autofree char *good = pkio_test_tokens_add_module (tokens, "cli-good",
                                                      "present=1\nlabel=Working\n");
  g_autofree char *stuck = pkio_test_tokens_add_module (tokens, "cli-stuck", stuck_state);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gboolean done = FALSE;
  GBytes *stdout_bytes;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, g_getenv ("PKIO_ORDER_BIN"), "tokens", "--only-listed",
                              "--timeout", "1", "--module", stuck, "--module", good, NULL);
  g_assert_no_error (error);

  g_subprocess_wait_async (process, NULL, wait_done_cb, &done);
  {
    g_autoptr(GInputStream) stream = g_object_ref (g_subprocess_get_stdout_pipe (process));
    g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();

    /* The report is a few lines: it fits in the pipe until the end. The
     * deadline only ends a hung test: the command takes about the one
     * second. */
    if (!pkio_test_run_until (pkio_test_is_set, &done, 60))
      {
        g_subprocess_force_exit (process);
        pkio_test_tokens_set_state (stuck, "present=0\n");
        g_error ("pkio-order tokens did not exit with a module stuck in %s", entry_point);
      }
    g_output_stream_splice (sink, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    stdout_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
    out = g_strndup (g_bytes_get_data (stdout_bytes, NULL), g_bytes_get_size (stdout_bytes));
    g_bytes_unref (stdout_bytes);
  }

  g_assert_true (g_subprocess_get_successful (process));
  g_assert_nonnull (strstr (out, "Module: cli-stuck ("));
  g_assert_nonnull (strstr (out, "State: not responding"));
  g_assert_nonnull (strstr (out, "Token: Working"));

  pkio_test_tokens_set_state (stuck, "present=0\n");
}

static void
test_no_token (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "cli-empty", "present=0\n");
  const char *argv[] = { g_getenv ("PKIO_ORDER_BIN"), "tokens", "--only-listed",
                         "--module", module, NULL };
  g_autofree char *out = run_capture (argv, NULL);

  g_assert_nonnull (strstr (out, "No token found. Insert your signing token."));
}

static void
test_environment (void)
{
  const char *args[] = { "--only-listed", "--environment", NULL };
  g_autofree char *socket_path = g_build_filename (tokens->dir, "pcscd.comm", NULL);
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* No pcscd at that path yet. */
  g_setenv ("PCSCLITE_CSOCK_NAME", socket_path, TRUE);
  root = run_tokens_json (args, &parser);
  g_assert_false (json_object_get_boolean_member (root, "flatpak"));
  g_assert_cmpstr (json_object_get_string_member (root, "pcscd"), ==, "not-found");
  g_assert_cmpstr (json_object_get_string_member (root, "pcscd_socket"), ==, socket_path);
  g_clear_object (&parser);

  /* A listening socket stands in for pcscd: connecting is all it checks. */
  listener = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_socket_bind (listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);

  root = run_tokens_json (args, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "pcscd"), ==, "reachable");
  g_clear_object (&parser);

  /* The socket file left behind by a dead pcscd. */
  g_socket_close (listener, NULL);
  root = run_tokens_json (args, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "pcscd"), ==, "not-answering");

  g_unsetenv ("PCSCLITE_CSOCK_NAME");
}

/* The sandbox simulated as GLib detects it: the bundled OpenSC is loaded by
 * its path (the runtime's p11-kit does not know it), and the environment
 * says what is missing in words a citizen can act on. */
static void
test_flatpak (void)
{
  const char *args[] = { "--environment", NULL };
  g_autofree char *info = g_build_filename (tokens->dir, "flatpak-info", NULL);
  g_autofree char *missing_pcscd = g_build_filename (tokens->dir, "no-pcscd.comm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *modules;
  gboolean found = FALSE;

  g_file_set_contents (info, "[Application]\nname=" APP_ID "\n", -1, &error);
  g_assert_no_error (error);
  g_setenv ("PKIO_TEST_FLATPAK_INFO", info, TRUE);
  g_setenv ("PCSCLITE_CSOCK_NAME", missing_pcscd, TRUE);

  root = run_tokens_json (args, &parser);
  g_assert_true (json_object_get_boolean_member (root, "flatpak"));
  modules = json_object_get_array_member (root, "modules");
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (g_strcmp0 (json_object_get_string_member (module, "path"), PKIO_BUNDLED_OPENSC) == 0)
        found = TRUE;
    }
  g_assert_true (found);

  {
    const char *argv[] = { g_getenv ("PKIO_ORDER_BIN"), "tokens", args[0], NULL };

    text = run_capture (argv, NULL);
  }
  g_assert_nonnull (strstr (text, "Runs in Flatpak: yes"));
  g_assert_nonnull (strstr (text, "Smart card driver in the app (OpenSC): "));
  g_assert_nonnull (strstr (text, "The smart card service (pcscd) is not running"));
  g_assert_nonnull (strstr (text, "flatpak override --user --filesystem=xdg-run/p11-kit/pkcs11"));
  /* The manifest grants the pcscd socket already: not advice. */
  g_assert_null (strstr (text, "--socket=pcsc"));

  g_unsetenv ("PKIO_TEST_FLATPAK_INFO");
  g_unsetenv ("PCSCLITE_CSOCK_NAME");
}

static JsonObject *
find_json_token (JsonObject *root,
                 const char *label)
{
  JsonArray *list = json_object_get_array_member (root, "tokens");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *token = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (token, "label"), label))
        return token;
    }

  return NULL;
}

/* The real stack: the virtual card read by OpenSC through the test's own
 * pcscd, inserted, with its PIN locked, and removed. */
static void
test_real_card (void)
{
  PkioTestCard *card = pkio_test_card_start (tokens->dir, tokens->cert_der);
  const char *args[] = { "--only-listed", "--module", PKIO_TEST_OPENSC_MODULE, NULL };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *token, *cert;

  if (card == NULL)
    return;

  root = run_tokens_json (args, &parser);
  g_assert_null (find_json_token (root, PKIO_TEST_CARD_TOKEN));
  g_clear_object (&parser);

  pkio_test_card_insert (card);
  root = run_tokens_json (args, &parser);
  token = find_json_token (root, PKIO_TEST_CARD_TOKEN);
  g_assert_nonnull (token);
  g_assert_cmpstr (json_object_get_string_member (token, "serial"), ==, "3132333435363738");
  g_assert_cmpstr (json_object_get_string_member (token, "pin_state"), ==, "not-reported");
  g_assert_cmpstr (json_object_get_string_member (token, "readiness"), ==, "pin-state-unknown");
  g_assert_false (json_object_get_boolean_member (token, "ready_to_sign"));
  cert = json_array_get_object_element (json_object_get_array_member (token, "certificates"), 0);
  g_assert_true (json_object_get_boolean_member (cert, "qualified"));
  g_clear_object (&parser);

  pkio_test_card_lock_pin (card);
  root = run_tokens_json (args, &parser);
  token = find_json_token (root, PKIO_TEST_CARD_TOKEN);
  g_assert_nonnull (token);
  g_assert_false (json_object_get_boolean_member (token, "ready_to_sign"));
  g_clear_object (&parser);

  pkio_test_card_remove (card);
  root = run_tokens_json (args, &parser);
  g_assert_null (find_json_token (root, PKIO_TEST_CARD_TOKEN));

  pkio_test_card_free (card);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Sets SOFTHSM2_CONF, which the spawned commands inherit. */
  tokens = pkio_test_tokens_setup ();

  g_test_add_func ("/pkio/cli/tokens/agrees-with-p11-kit", test_agrees_with_p11_kit);
  g_test_add_func ("/pkio/cli/tokens/json", test_json_details);
  g_test_add_func ("/pkio/cli/tokens/text-pin-warning", test_text_and_pin_warning);
  g_test_add_func ("/pkio/cli/tokens/no-token", test_no_token);
  g_test_add_func ("/pkio/cli/tokens/flags-and-key-usage", test_flags_and_key_usage);
  {
    static const char * const entry_points[] = {
      "C_GetFunctionList", "C_Initialize", "C_GetSlotList", "C_GetTokenInfo", "C_OpenSession",
    };

    for (guint i = 0; i < G_N_ELEMENTS (entry_points); i++)
      {
        g_autofree char *path = g_strdup_printf ("/pkio/cli/tokens/hanging-module-exits/%s",
                                                 entry_points[i]);

        g_test_add_data_func (path, entry_points[i], test_hanging_module_exits);
      }
  }
  g_test_add_func ("/pkio/cli/tokens/environment", test_environment);
  g_test_add_func ("/pkio/cli/tokens/flatpak", test_flatpak);
  g_test_add_func ("/pkio/cli/tokens/real-card", test_real_card);

  ret = g_test_run ();

  pkio_test_tokens_free (tokens);

  return ret;
}
