/* pkio-test-tokens.c
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

#include <glib/gstdio.h>

#include "pkio-test-utils.h"
#include "pkio-test-tokens.h"
#include "pkio-token-monitor.h"

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", argv[0], error->message, out, err);
}

static char *
token_serial (const char *label)
{
  const char *argv[] = { "softhsm2-util", "--show-slots", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  char *serial = NULL;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);

  /* "Serial number:" comes before "Label:" in each slot's token info. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (g_str_has_prefix (line, "Serial number:"))
        {
          g_free (serial);
          serial = g_strstrip (g_strdup (line + strlen ("Serial number:")));
        }
      else if (g_str_has_prefix (line, "Label:"))
        {
          g_autofree char *found = g_strstrip (g_strdup (line + strlen ("Label:")));

          if (g_str_equal (found, label))
            return serial;
        }
    }

  g_free (serial);
  g_error ("no SoftHSM token labelled %s", label);
}

/* Another certificate for the same key, DER, in the tokens' directory. */
static char *
make_certificate (PkioTestTokens *tokens,
                  const char     *key_pem,
                  const char     *name,
                  const char     *template_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s/%s.tmpl", tokens->dir, name);
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", tokens->dir, name);
  char *der = g_strdup_printf ("%s/%s.der", tokens->dir, name);
  const char *gencert[] = { "certtool", "--generate-self-signed", "--load-privkey", key_pem,
                            "--template", template, "--outfile", pem, NULL };
  const char *certder[] = { "certtool", "--certificate-info", "--infile", pem,
                            "--outder", "--outfile", der, NULL };

  g_file_set_contents (template, template_text, -1, &error);
  g_assert_no_error (error);
  run (gencert);
  run (certder);

  return der;
}

/**
 * pkio_test_tokens_setup:
 *
 * Makes two SoftHSM2 tokens in a new temporary directory: "PKIo QSCD" with a
 * non-repudiation certificate and its private key, and an empty one. Sets
 * SOFTHSM2_CONF for this process (before any module is loaded).
 */
PkioTestTokens *
pkio_test_tokens_setup (void)
{
  PkioTestTokens *tokens = g_new0 (PkioTestTokens, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *token_dir = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *key_der = NULL;
  g_autofree char *cert_pem = NULL;
  g_autofree char *template = NULL;

  tokens->dir = g_dir_make_tmp ("pkio-tokens-XXXXXX", &error);
  g_assert_no_error (error);

  token_dir = g_build_filename (tokens->dir, "softhsm", NULL);
  g_assert_cmpint (g_mkdir (token_dir, 0700), ==, 0);
  tokens->softhsm_conf = g_build_filename (tokens->dir, "softhsm2.conf", NULL);
  conf = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n"
                          "log.level = ERROR\n", token_dir);
  g_file_set_contents (tokens->softhsm_conf, conf, -1, &error);
  g_assert_no_error (error);
  g_setenv ("SOFTHSM2_CONF", tokens->softhsm_conf, TRUE);

  {
    const char *init1[] = { "softhsm2-util", "--init-token", "--free", "--label",
                            PKIO_TEST_SIGNING_LABEL, "--so-pin", "12345678",
                            "--pin", PKIO_TEST_SOFTHSM_PIN, NULL };
    const char *init2[] = { "softhsm2-util", "--init-token", "--free", "--label",
                            PKIO_TEST_EMPTY_LABEL, "--so-pin", "12345678",
                            "--pin", PKIO_TEST_SOFTHSM_PIN, NULL };

    run (init1);
    run (init2);
  }

  key_pem = g_build_filename (tokens->dir, "key.pem", NULL);
  key_der = g_build_filename (tokens->dir, "key.der", NULL);
  cert_pem = g_build_filename (tokens->dir, "cert.pem", NULL);
  tokens->cert_der = g_build_filename (tokens->dir, "cert.der", NULL);
  template = g_build_filename (tokens->dir, "cert.tmpl", NULL);

  /* serial 0x1234; qualified: nonRepudiation, and qcStatements with
   * QcCompliance and QcSSCD (RFC 3739, ETSI EN 319 412-5). */
  g_file_set_contents (template,
                       "cn = \"" PKIO_TEST_SIGNER_CN "\"\n"
                       "serial = 4660\n"
                       "expiration_days = 365\n"
                       "signing_key\n"
                       "non_repudiation\n"
                       "add_extension = \"1.3.6.1.5.5.7.1.3 " PKIO_TEST_QC_STATEMENTS "\"\n",
                       -1, &error);
  g_assert_no_error (error);
  tokens->cert_serial = g_strdup ("12:34");

  {
    const char *genkey[] = { "certtool", "--generate-privkey", "--key-type", "rsa",
                             "--bits", "2048", "--outfile", key_pem, NULL };
    const char *keyder[] = { "certtool", "--key-info", "--infile", key_pem, "--outder",
                             "--outfile", key_der, NULL };
    const char *gencert[] = { "certtool", "--generate-self-signed", "--load-privkey", key_pem,
                              "--template", template, "--outfile", cert_pem, NULL };
    const char *certder[] = { "certtool", "--certificate-info", "--infile", cert_pem,
                              "--outder", "--outfile", tokens->cert_der, NULL };
    const char *writecert[] = { "pkcs11-tool", "--module", PKIO_TEST_SOFTHSM_MODULE,
                                "--token-label", PKIO_TEST_SIGNING_LABEL, "--login",
                                "--pin", PKIO_TEST_SOFTHSM_PIN, "--write-object",
                                tokens->cert_der, "--type", "cert", "--id", "01",
                                "--label", "Signing", NULL };
    const char *writekey[] = { "pkcs11-tool", "--module", PKIO_TEST_SOFTHSM_MODULE,
                               "--token-label", PKIO_TEST_SIGNING_LABEL, "--login",
                               "--pin", PKIO_TEST_SOFTHSM_PIN, "--write-object",
                               key_der, "--type", "privkey", "--id", "01",
                               "--label", "Signing", NULL };

    run (genkey);
    run (keyder);
    run (gencert);
    run (certder);
    tokens->plain_cert_der = make_certificate (tokens, key_pem, "plain",
                                               "cn = \"Plain Signer\"\n"
                                               "serial = 4661\n"
                                               "expiration_days = 365\n"
                                               "signing_key\n"
                                               "non_repudiation\n");
    tokens->expired_cert_der = make_certificate (tokens, key_pem, "expired",
                                                 "cn = \"Expired Signer\"\n"
                                                 "serial = 4662\n"
                                                 "activation_date = \"2019-01-01 00:00:00\"\n"
                                                 "expiration_date = \"2020-01-01 00:00:00\"\n"
                                                 "signing_key\n"
                                                 "non_repudiation\n"
                                                 "add_extension = \"1.3.6.1.5.5.7.1.3 "
                                                 PKIO_TEST_QC_STATEMENTS "\"\n");
    run (writecert);
    run (writekey);
  }

  tokens->signing_serial = token_serial (PKIO_TEST_SIGNING_LABEL);
  tokens->empty_serial = token_serial (PKIO_TEST_EMPTY_LABEL);

  return tokens;
}

void
pkio_test_tokens_free (PkioTestTokens *tokens)
{
  pkio_test_remove_tree (tokens->dir);
  g_free (tokens->dir);
  g_free (tokens->softhsm_conf);
  g_free (tokens->cert_der);
  g_free (tokens->plain_cert_der);
  g_free (tokens->expired_cert_der);
  g_free (tokens->cert_serial);
  g_free (tokens->signing_serial);
  g_free (tokens->empty_serial);
  g_free (tokens);
}

void
pkio_test_tokens_set_state (const char *module_path,
                            const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_path = g_strconcat (module_path, ".state", NULL);

  g_file_set_contents (state_path, state, -1, &error);
  g_assert_no_error (error);
}

/**
 * pkio_test_tokens_add_module:
 * @name: file name of the copy, unique per test
 * @state: the initial state file
 *
 * Copies the test module: each copy is a separate dlopen, with its own
 * globals and its own state file.
 *
 * Returns: (transfer full): the path of the copy
 */
char *
pkio_test_tokens_add_module (PkioTestTokens *tokens,
                             const char     *name,
                             const char     *state)
{
  const char *module = g_getenv ("PKIO_TEST_P11_MODULE");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file = g_strconcat (name, ".so", NULL);
  char *path = g_build_filename (tokens->dir, file, NULL);
  gsize len;

  g_assert_nonnull (module);
  g_file_get_contents (module, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  pkio_test_tokens_set_state (path, state);

  return path;
}

static gboolean
no_threads (gpointer data)
{
  return _pkio_token_monitor_get_n_threads () == 0;
}

/**
 * pkio_test_wait_for_threads:
 *
 * Module threads finish on their own after the monitor goes; a test waits
 * for them so that no PKCS#11 call is still running when the process exits.
 */
void
pkio_test_wait_for_threads (void)
{
  g_assert_true (pkio_test_run_until (no_threads, NULL, PKIO_TEST_HANG_SECONDS));
}
