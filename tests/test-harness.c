/* test-harness.c
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

#include <gio/gio.h>
#include <libsecret/secret.h>
#include <p11-kit/p11-kit.h>

/* Proves that build-aux/run-tests started what the later tests stand on: an
 * unlocked gnome-keyring on a private D-Bus session, a SoftHSM2 token in a
 * temporary directory, and an X display. Outside the harness it skips. */

static const SecretSchema harness_schema = {
  "io.github.pkioorder.PkioOrder.Test.Harness", SECRET_SCHEMA_NONE,
  {
    { "probe", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static gboolean
in_harness (void)
{
  if (g_getenv ("PKIO_TEST_HARNESS") != NULL)
    return TRUE;

  g_test_skip ("not started by build-aux/run-tests");
  return FALSE;
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *found = NULL;
  gboolean ok;

  if (!in_harness ())
    return;

  /* The keyring of a developer's session must never be touched by tests. */
  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_assert_true (g_str_has_prefix (g_get_home_dir (), g_get_tmp_dir ()));

  probe = g_strdup_printf ("probe-%u", g_random_int ());
  ok = secret_password_store_sync (&harness_schema, SECRET_COLLECTION_DEFAULT, "harness probe",
                                   probe, NULL, &error, "probe", probe, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  found = secret_password_lookup_sync (&harness_schema, NULL, &error, "probe", probe, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, probe);

  ok = secret_password_clear_sync (&harness_schema, NULL, &error, "probe", probe, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_softhsm_token (void)
{
  const char *module_path = g_getenv ("PKIO_TEST_SOFTHSM_MODULE");
  const char *label = g_getenv ("PKIO_TEST_TOKEN_LABEL");
  CK_FUNCTION_LIST *module;
  CK_SLOT_ID slots[16];
  CK_ULONG n_slots = G_N_ELEMENTS (slots);
  gboolean found = FALSE;
  CK_RV rv;

  if (!in_harness ())
    return;

  g_assert_nonnull (module_path);
  g_assert_nonnull (label);
  g_assert_true (g_file_test (g_getenv ("SOFTHSM2_CONF"), G_FILE_TEST_IS_REGULAR));

  module = p11_kit_module_load (module_path, 0);
  g_assert_nonnull (module);
  rv = p11_kit_module_initialize (module);
  g_assert_cmpuint (rv, ==, CKR_OK);

  rv = module->C_GetSlotList (CK_TRUE, slots, &n_slots);
  g_assert_cmpuint (rv, ==, CKR_OK);

  for (CK_ULONG i = 0; i < n_slots; i++)
    {
      CK_TOKEN_INFO info;
      g_autofree char *token_label = NULL;

      rv = module->C_GetTokenInfo (slots[i], &info);
      g_assert_cmpuint (rv, ==, CKR_OK);
      token_label = g_strstrip (g_strndup ((const char *)info.label, sizeof info.label));
      if (g_str_equal (token_label, label))
        {
          found = TRUE;
          g_assert_true (info.flags & CKF_TOKEN_INITIALIZED);
          g_assert_true (info.flags & CKF_USER_PIN_INITIALIZED);
        }
    }
  g_assert_true (found);

  p11_kit_module_finalize (module);
  p11_kit_module_release (module);
}

static void
test_display (void)
{
  const char *display = g_getenv ("DISPLAY");
  g_autofree char *socket_path = NULL;

  if (!in_harness ())
    return;

  /* Xvfb listens on /tmp/.X11-unix/X<n> for DISPLAY=:<n>. */
  g_assert_nonnull (display);
  g_assert_true (display[0] == ':');
  socket_path = g_strdup_printf ("/tmp/.X11-unix/X%s", display + 1);
  g_assert_true (g_file_test (socket_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/harness/keyring", test_keyring);
  g_test_add_func ("/pkio/harness/softhsm-token", test_softhsm_token);
  g_test_add_func ("/pkio/harness/display", test_display);

  return g_test_run ();
}
