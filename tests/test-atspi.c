/* test-atspi.c
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

#include <atspi/atspi.h>
#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>

/* The application as a screen reader meets it: the real program, started
 * in practice mode, and its window read over AT-SPI from this process, the
 * way Orca does. The desk defaults (a card, the US) put the card and state
 * rows on screen too. Under build-aux/run-tests the session bus starts the
 * accessibility bus (at-spi2-core's at-spi-bus-launcher) on demand. */

/* What the wizard must offer, by role and English name (LANG=C.UTF-8). */
static const struct
{
  AtspiRole   role;
  const char *name;
} expected[] = {
  { ATSPI_ROLE_RADIO_BUTTON, "New Applicant" },
  { ATSPI_ROLE_RADIO_BUTTON, "Existing CertCentral Individual" },
  { ATSPI_ROLE_TEXT, "First Name" },
  { ATSPI_ROLE_TEXT, "Last Name" },
  { ATSPI_ROLE_TEXT, "Email Address" },
  { ATSPI_ROLE_TEXT, "Telephone Number" },
  { ATSPI_ROLE_COMBO_BOX, "Country" },
  { ATSPI_ROLE_COMBO_BOX, "State or Province" },
  { ATSPI_ROLE_TEXT, "Postal Code" },
  { ATSPI_ROLE_COMBO_BOX, "Valid For" },
  { ATSPI_ROLE_CHECK_BOX, "Use RSASSA-PSS" },
  { ATSPI_ROLE_TEXT, "Recipient" },
  { ATSPI_ROLE_TEXT, "Street and Number" },
  { ATSPI_ROLE_RADIO_BUTTON, "Standard" },
  { ATSPI_ROLE_RADIO_BUTTON, "Expedited" },
  { ATSPI_ROLE_RADIO_BUTTON, "Account Balance" },
  { ATSPI_ROLE_RADIO_BUTTON, "Credit Card" },
  { ATSPI_ROLE_TEXT, "Card Number" },
  { ATSPI_ROLE_TEXT, "Security Code (CVV)" },
  { ATSPI_ROLE_TEXT, "Cardholder Name" },
  { ATSPI_ROLE_LINK, "Read the Agreement" },
  { ATSPI_ROLE_CHECK_BOX, "I Have Read the Agreement and Agree to It" },
  { ATSPI_ROLE_PUSH_BUTTON, "Request to Be Sent" },
  { ATSPI_ROLE_PUSH_BUTTON, "Signing Tokens" },
  { ATSPI_ROLE_PUSH_BUTTON, "Main Menu" },
};

typedef struct
{
  AtspiRole  role;
  char      *name;
  char      *path;          /* roles from the window down, for messages */
  gboolean   focusable;
  gboolean   editable;
  gboolean   in_gtk_part;   /* inside a combo box: GTK's own button and list */
} Node;

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->name);
  g_free (node->path);
  g_free (node);
}

static void
walk (AtspiAccessible *accessible,
      const char      *parent_path,
      gboolean         in_gtk_part,
      guint            depth,
      GPtrArray       *nodes)
{
  AtspiStateSet *states;
  g_autofree char *role_name = NULL;
  Node *node;
  int n;

  g_assert_cmpuint (depth, <, 100);

  node = g_new0 (Node, 1);
  node->role = atspi_accessible_get_role (accessible, NULL);
  node->name = atspi_accessible_get_name (accessible, NULL);
  if (node->name == NULL)
    node->name = g_strdup ("");
  role_name = atspi_accessible_get_role_name (accessible, NULL);
  node->path = g_strdup_printf ("%s / %s “%s”", parent_path, role_name, node->name);
  states = atspi_accessible_get_state_set (accessible);
  node->focusable = atspi_state_set_contains (states, ATSPI_STATE_FOCUSABLE);
  node->editable = atspi_state_set_contains (states, ATSPI_STATE_EDITABLE);
  g_object_unref (states);
  node->in_gtk_part = in_gtk_part;
  g_ptr_array_add (nodes, node);

  n = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n; i++)
    {
      AtspiAccessible *child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        {
          walk (child, node->path, in_gtk_part || node->role == ATSPI_ROLE_COMBO_BOX,
                depth + 1, nodes);
          g_object_unref (child);
        }
    }
}

static AtspiAccessible *
find_application (GPid pid)
{
  AtspiAccessible *desktop = atspi_get_desktop (0);
  AtspiAccessible *found = NULL;
  int n = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n && found == NULL; i++)
    {
      AtspiAccessible *app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && atspi_accessible_get_process_id (app, NULL) == (guint) pid)
        found = g_object_ref (app);
      g_clear_object (&app);
    }

  g_object_unref (desktop);
  return found;
}

static gboolean
has (GPtrArray  *nodes,
     AtspiRole   role,
     const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (node->role == role && g_strcmp0 (node->name, name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads the application's tree once its window is there, complete: the
 * wizard's pages are built before the window is shown, but the window
 * reaches the bus a moment after the application does. */
static GPtrArray *
read_tree (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      AtspiAccessible *app = find_application (pid);
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (node_free);

      if (app != NULL)
        {
          walk (app, "", FALSE, 0, nodes);
          g_object_unref (app);
          if (has (nodes, ATSPI_ROLE_TEXT, "First Name"))
            return g_steal_pointer (&nodes);
        }

      g_usleep (200 * 1000);
    }

  g_error ("the application's window never reached the accessibility bus");
  return NULL;
}

/* A name GTK falls back to when a widget has none: its type. */
static gboolean
is_type_name (const char *name)
{
  return (g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw") ||
          g_str_has_prefix (name, "Pkio")) && strchr (name, ' ') == NULL;
}

/* "First Name First Name": a label of its own and a labelled-by label. */
static gboolean
is_doubled (const char *name)
{
  size_t len = strlen (name);

  return len > 2 && len % 2 == 1 && name[len / 2] == ' ' &&
         strncmp (name, name + len / 2 + 1, len / 2) == 0;
}

static gboolean
is_container (AtspiRole role)
{
  switch ((int) role)
    {
    case ATSPI_ROLE_APPLICATION:
    case ATSPI_ROLE_FRAME:
    case ATSPI_ROLE_PANEL:
    case ATSPI_ROLE_FILLER:
    case ATSPI_ROLE_SCROLL_PANE:
    case ATSPI_ROLE_SCROLL_BAR:
    case ATSPI_ROLE_LIST:
    case ATSPI_ROLE_LIST_BOX:
    case ATSPI_ROLE_VIEWPORT:
    case ATSPI_ROLE_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* If this test dies on an assertion, the application goes with it rather
 * than keep the test's output open until the harness's timeout. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
test_wizard_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pkio-atspi-XXXXXX", &error);
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  const char *bin = g_getenv ("PKIO_ORDER_BIN");
  GPid pid;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_nonnull (bin);

  /* Desk defaults that bring the card and state rows on screen. */
  config = g_build_filename (dir, "config", NULL);
  data = g_build_filename (dir, "data", NULL);
  settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/pkioorder/PkioOrder]\n"
                                      "desk-payment-method='card'\n"
                                      "desk-country='us'\n", -1, &error));
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "atspi", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  app = g_subprocess_launcher_spawn (launcher, &error, bin, "--practice", NULL);
  g_assert_no_error (error);
  pid = atoi (g_subprocess_get_identifier (app));

  nodes = read_tree (pid);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has (nodes, expected[i].role, expected[i].name))
      g_error ("no %s “%s” on the bus", atspi_role_get_name (expected[i].role),
               expected[i].name);

  /* Nothing a person can reach or type into is left unnamed, or named
   * twice over; push buttons with a mnemonic are read "_Next Next" by GTK
   * 4.8 itself, and are left to it. */
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (!(node->focusable || node->editable) || is_container (node->role) || node->in_gtk_part)
        continue;

      checked++;
      if (*node->name == '\0' || is_type_name (node->name))
        g_error ("unnamed: %s", node->path);
      if (node->role != ATSPI_ROLE_PUSH_BUTTON && is_doubled (node->name))
        g_error ("named twice: %s", node->path);
    }
  g_test_message ("%u focusable or editable elements checked", checked);
  g_assert_cmpuint (checked, >, 40);

  /* The app may leave a draft in @dir; the harness removes its TMPDIR. */
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* libatspi reports its D-Bus hiccups as warnings (domain "dbind", with
   * structured logging, which a fatal handler cannot excuse): the registry
   * still starting when the desktop is first asked for, the cache object
   * GTK 4.8 does not have. Only criticals stay fatal here; the tree is read
   * again until its deadline, and the assertions decide. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  g_assert_cmpint (atspi_init (), ==, 0);

  g_test_add_func ("/pkio/atspi/wizard-tree", test_wizard_tree);

  status = g_test_run ();
  atspi_exit ();
  return status;
}
