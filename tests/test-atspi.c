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

#include "pkio-test-hang.h"

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
  { ATSPI_ROLE_TEXT, "State or Province" },
  { ATSPI_ROLE_TEXT, "Postal Code" },
  { ATSPI_ROLE_COMBO_BOX, "Valid For" },
  { ATSPI_ROLE_CHECK_BOX, "Use RSASSA-PSS" },
  { ATSPI_ROLE_TEXT, "Recipient" },
  { ATSPI_ROLE_TEXT, "Street and Number" },
  { ATSPI_ROLE_TEXT, "State, Province or Region" },
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
  gboolean   showing;
  gboolean   checked;
  AtspiAccessible *object;
} Node;

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->name);
  g_free (node->path);
  g_clear_object (&node->object);
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
  node->showing = atspi_state_set_contains (states, ATSPI_STATE_SHOWING);
  node->checked = atspi_state_set_contains (states, ATSPI_STATE_CHECKED);
  g_object_unref (states);
  node->object = g_object_ref (accessible);
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

/* GTK 4.10 tells a toggle button from a push button; before, both were
 * push buttons. */
static gboolean
is_role (Node      *node,
         AtspiRole  role)
{
  return node->role == role ||
         (role == ATSPI_ROLE_PUSH_BUTTON && node->role == ATSPI_ROLE_TOGGLE_BUTTON);
}

static gboolean
has (GPtrArray  *nodes,
     AtspiRole   role,
     const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      /* A drop-down says its choice after its name on GTK 4.10 and later:
       * "Country, Netherlands". */
      if (is_role (node, role) &&
          (g_strcmp0 (node->name, name) == 0 ||
           (role == ATSPI_ROLE_COMBO_BOX && g_str_has_prefix (node->name, name) &&
            g_str_has_prefix (node->name + strlen (name), ", "))))
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
read_app (GPid pid)
{
  AtspiAccessible *app = find_application (pid);
  GPtrArray *nodes = g_ptr_array_new_with_free_func (node_free);

  if (app != NULL)
    {
      walk (app, "", FALSE, 0, nodes);
      g_object_unref (app);
    }

  return nodes;
}

/* GTK 4.8 reads a button with a mnemonic as "_Next Next" (the label with
 * its underscore, then the label's text); newer versions as "Next". */
static gboolean
is_named (Node       *node,
          const char *name)
{
  if (g_str_equal (node->name, name))
    return TRUE;

  for (const char *c = name; *c != '\0'; c++)
    {
      g_autofree char *underlined = g_strdup_printf ("%.*s_%s %s", (int) (c - name), name, c, name);

      if (g_str_equal (node->name, underlined))
        return TRUE;
    }

  return FALSE;
}

static Node *
find_node (GPtrArray  *nodes,
           AtspiRole   role,
           const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (node->role == role && is_named (node, name) && node->showing)
        return node;
    }

  return NULL;
}

/* The step's title, under the application's name in the header bar. */
static const char *
page_heading (GPtrArray *nodes)
{
  for (guint i = 0; i + 1 < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      Node *below = g_ptr_array_index (nodes, i + 1);

      if (node->role == ATSPI_ROLE_LABEL && g_str_equal (node->name, "PKIo Order") &&
          below->role == ATSPI_ROLE_LABEL)
        return below->name;
    }

  return "";
}

static Node *first_unnamed (GPtrArray *nodes);

typedef gboolean (*TreeCheck) (GPtrArray *nodes,
                               gpointer   data);

/* Only wakes the test: what the event says is read from the tree again. */
static void
event_cb (AtspiEvent *event,
          void       *user_data)
{
  g_boxed_free (ATSPI_TYPE_EVENT, event);
}

/* What the application says on the bus as it builds its window, names
 * its rows, turns a page or turns Next on. */
static const char * const bus_events[] = {
  "object:children-changed", "object:state-changed", "object:property-change",
  "object:text-changed", "window:",
};

static AtspiEventListener *
listen_to_bus (void)
{
  AtspiEventListener *listener = atspi_event_listener_new (event_cb, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bus_events); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (atspi_event_listener_register (listener, bus_events[i], &error));
      g_assert_no_error (error);
    }

  return listener;
}

static void
stop_listening (AtspiEventListener *listener)
{
  for (guint i = 0; i < G_N_ELEMENTS (bus_events); i++)
    atspi_event_listener_deregister (listener, bus_events[i], NULL);
  g_object_unref (listener);
}

static void
app_exited_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  /* Only wakes the test, which then says the application is gone. */
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
}

static gboolean
expired_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Reads the application's tree, and again after each event it sends over
 * the bus, until @check accepts it.
 *
 * Returns: (transfer full) (nullable): the tree @check accepted, or %NULL
 *   when it did not within PKIO_TEST_HANG_SECONDS (only a hang guard: the
 *   events, not a clock, decide); the last tree read is then in @last */
static GPtrArray *
wait_tree (GSubprocess  *app,
           GPid          pid,
           TreeCheck     check,
           gpointer      data,
           GPtrArray   **last)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (PKIO_TEST_HANG_SECONDS, expired_cb, &expired);

  for (;;)
    {
      g_autoptr(GPtrArray) nodes = NULL;

      /* An application that died (no display, a crash) is said at once,
       * not after the guard. */
      if (g_subprocess_get_identifier (app) == NULL)
        g_error ("the application exited before its window reached the accessibility bus "
                 "(wait status %d); its output is above", g_subprocess_get_status (app));

      nodes = read_app (pid);
      if (check (nodes, data))
        {
          g_source_remove (guard);
          return g_steal_pointer (&nodes);
        }
      if (expired)
        {
          *last = g_steal_pointer (&nodes);
          return NULL;
        }

      /* Blocks until the next event, then takes the rest of its burst
       * before the tree is read again. */
      g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* The window is there once Next is, and its rows are named: GTK 4.18 can
 * put a row on the bus a moment before its name. */
static gboolean
window_named (GPtrArray *nodes,
              gpointer   data)
{
  if (first_unnamed (nodes) != NULL)
    return FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (node->role == ATSPI_ROLE_PUSH_BUTTON && is_named (node, "Next"))
        return TRUE;
    }

  return FALSE;
}

/* Reads the application's tree once its window is there and its rows are
 * named. A row that stays unnamed is reported. */
static GPtrArray *
read_tree (GSubprocess *app,
           GPid         pid)
{
  g_autoptr(GPtrArray) last = NULL;
  GPtrArray *nodes = wait_tree (app, pid, window_named, NULL, &last);

  if (nodes != NULL)
    return nodes;

  for (guint i = 0; i < last->len; i++)
    g_test_message ("seen: %s%s", ((Node *) g_ptr_array_index (last, i))->path,
                    ((Node *) g_ptr_array_index (last, i))->showing ? " (showing)" : "");
  if (first_unnamed (last) != NULL)
    g_error ("unnamed: %s", first_unnamed (last)->path);
  g_error ("the application's window never reached the accessibility bus");
  return NULL;
}

/* What the test types, by the field's accessible name: a card order to the
 * US (the desk defaults below). */
static const struct
{
  const char *name;
  const char *value;
} typed[] = {
  { "First Name", "Anna" },
  { "Last Name", "Jansen" },
  { "Email Address", "anna@example.com" },
  { "Telephone Number", "+1 504 555 0100" },
  { "State or Province", "Louisiana" },
  /* Typed as a person says it; the order sends ship_info's "la". */
  { "State, Province or Region", "Louisiana" },
  { "City", "New Orleans" },
  { "Postal Code", "70112" },
  { "Recipient", "Anna Jansen" },
  { "Street and Number", "1 Canal Street" },
  { "Card Number", "4111111111111111" },
  { "Expiry Month (MM)", "12" },
  { "Expiry Year (YYYY)", "2035" },
  { "Security Code (CVV)", "123" },
  { "Cardholder Name", "Anna Jansen" },
};

/* Ticks the agreement as a keyboard user does, with its mnemonic Alt+I:
 * GTK 4.18 gives a check button no action of its own, and the keys go
 * through the X server (XTest) to the window. */
static void
tick_agreement (AtspiAccessible *check_box)
{
  g_autoptr(GError) error = NULL;

  if (atspi_action_get_n_actions (ATSPI_ACTION (check_box), NULL) > 0 &&
      atspi_action_do_action (ATSPI_ACTION (check_box), 0, NULL))
    return;

  /* Mod1 (Alt) held while "i" is typed. */
  g_assert_true (atspi_generate_keyboard_event (1 << 3, NULL, ATSPI_KEY_LOCKMODIFIERS, &error));
  g_assert_no_error (error);
  g_assert_true (atspi_generate_keyboard_event (0x69 /* i */, NULL, ATSPI_KEY_SYM, &error));
  g_assert_no_error (error);
  g_assert_true (atspi_generate_keyboard_event (1 << 3, NULL, ATSPI_KEY_UNLOCKMODIFIERS, &error));
  g_assert_no_error (error);
}

/* Fills what the page on screen asks for, as a screen reader's user does
 * through the text and action interfaces. */
static void
fill_page (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (!node->showing)
        continue;

      if (node->role == ATSPI_ROLE_TEXT && node->editable)
        for (guint j = 0; j < G_N_ELEMENTS (typed); j++)
          if (g_strcmp0 (node->name, typed[j].name) == 0)
            {
              AtspiEditableText *text = atspi_accessible_get_editable_text_iface (node->object);
              g_autoptr(GError) error = NULL;

              g_assert_nonnull (text);
              atspi_editable_text_set_text_contents (text, typed[j].value, &error);
              g_assert_no_error (error);
              g_object_unref (text);
            }

      if (node->role == ATSPI_ROLE_CHECK_BOX && !node->checked &&
          g_str_has_prefix (node->name, "I Have Read the Agreement"))
        tick_agreement (node->object);
    }
}

static void
add_unique (GPtrArray *all,
            GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < all->len && !seen; j++)
        seen = g_str_equal (((Node *) g_ptr_array_index (all, j))->path, node->path);
      if (!seen)
        {
          Node *copy = g_new0 (Node, 1);

          *copy = *node;
          copy->name = g_strdup (node->name);
          copy->path = g_strdup (node->path);
          copy->object = g_object_ref (node->object);
          g_ptr_array_add (all, copy);
        }
    }
}

static gboolean
has_review (GPtrArray *nodes,
            gpointer   data)
{
  return has (nodes, ATSPI_ROLE_PUSH_BUTTON, "Request to Be Sent");
}

static gboolean
next_enabled (GPtrArray *nodes,
              gpointer   data)
{
  Node *next = find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, "Next");
  AtspiStateSet *states;
  gboolean enabled;

  g_assert_nonnull (next);
  states = atspi_accessible_get_state_set (next->object);
  enabled = atspi_state_set_contains (states, ATSPI_STATE_SENSITIVE);
  g_object_unref (states);

  return enabled;
}

static gboolean
heading_changed (GPtrArray *nodes,
                 gpointer   heading)
{
  return !g_str_equal (page_heading (nodes), heading) && first_unnamed (nodes) == NULL;
}

/* Goes through the wizard page by page with Next, as a screen reader's
 * user does, collecting what each page puts on the bus: GTK 4.8 puts every
 * page of the stack there at once, newer versions only the page on screen. */
static GPtrArray *
read_wizard (GSubprocess *app,
             GPid         pid)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (node_free);
  g_autoptr(GPtrArray) nodes = read_tree (app, pid);

  /* GTK 4.8 does not say that the Next button is showing, and puts every
   * page on the bus at once: the tree is read as it is, once the last page
   * has been built. */
  if (find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, "Next") == NULL)
    {
      g_autoptr(GPtrArray) last = NULL;

      g_clear_pointer (&nodes, g_ptr_array_unref);
      nodes = wait_tree (app, pid, has_review, NULL, &last);
      if (nodes == NULL)
        g_error ("the review page never reached the accessibility bus");
      add_unique (all, nodes);
      return all;
    }

  for (guint page = 0; page < 12; page++)
    {
      g_autofree char *heading = g_strdup (page_heading (nodes));
      g_autoptr(GPtrArray) last = NULL;
      g_autoptr(GPtrArray) now = NULL;
      g_autoptr(GError) error = NULL;
      Node *next;

      g_test_message ("page “%s”", heading);
      add_unique (all, nodes);
      if (find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, "Request to Be Sent") != NULL)
        return all;

      fill_page (nodes);

      /* Next turns on once the page's checks have run on what was typed. */
      now = wait_tree (app, pid, next_enabled, NULL, &last);
      if (now == NULL)
        {
          for (guint i = 0; i < last->len; i++)
            if (((Node *) g_ptr_array_index (last, i))->showing)
              g_test_message ("on screen: %s", ((Node *) g_ptr_array_index (last, i))->path);
          g_error ("Next stayed off on page %u", page);
        }
      next = find_node (now, ATSPI_ROLE_PUSH_BUTTON, "Next");
      atspi_action_do_action (ATSPI_ACTION (next->object), 0, &error);
      g_assert_no_error (error);

      /* The next page is there once its heading has changed. */
      g_clear_pointer (&nodes, g_ptr_array_unref);
      nodes = wait_tree (app, pid, heading_changed, heading, &last);
      if (nodes == NULL && first_unnamed (last) != NULL)
        g_error ("unnamed: %s", first_unnamed (last)->path);
      if (nodes == NULL)
        g_error ("Next did not lead on from page %u", page);
    }

  g_error ("the review page was never reached");
  return all;
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

/* libadwaita 1.7 puts an entry row's text box in a list item that GTK says
 * is focusable, though focus goes to the text inside; the text is what a
 * person reaches, and is checked on its own. */
static gboolean
is_entry_row (GPtrArray *nodes,
              Node      *node)
{
  g_autofree char *prefix = g_strconcat (node->path, " / ", NULL);

  if (node->role != ATSPI_ROLE_LIST_ITEM)
    return FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *inner = g_ptr_array_index (nodes, i);

      if (inner->role == ATSPI_ROLE_TEXT && inner->editable && g_str_has_prefix (inner->path, prefix))
        return TRUE;
    }

  return FALSE;
}

/* What a person can reach or type into, and so must hear a name for. */
static gboolean
needs_name (GPtrArray *nodes,
            Node      *node)
{
  return (node->focusable || node->editable) && !is_container (node->role) &&
         !node->in_gtk_part && !is_entry_row (nodes, node);
}

static Node *
first_unnamed (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (needs_name (nodes, node) && (*node->name == '\0' || is_type_name (node->name)))
        return node;
    }

  return NULL;
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
  AtspiEventListener *listener;
  const char *bin = g_getenv ("PKIO_ORDER_BIN");
  Node *edit;
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
                                      "desk-ship-method='STANDARD'\n"
                                      "desk-country='us'\n", -1, &error));
  g_assert_no_error (error);

  /* Before the application starts: GTK sends events only when someone
   * listens, and none of its first may be missed. */
  listener = listen_to_bus ();

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
  g_subprocess_wait_async (app, NULL, app_exited_cb, NULL);

  nodes = read_wizard (app, pid);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has (nodes, expected[i].role, expected[i].name))
      g_error ("no %s “%s” on the bus", atspi_role_get_name (expected[i].role),
               expected[i].name);

  /* Nothing a person can reach or type into is left unnamed, or named
   * twice over; push buttons with a mnemonic are read "_Next Next" by GTK
   * 4.8 itself, and are left to it. */
  if (first_unnamed (nodes) != NULL)
    g_error ("unnamed: %s", first_unnamed (nodes)->path);
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (!needs_name (nodes, node))
        continue;

      checked++;
      if (node->role != ATSPI_ROLE_PUSH_BUTTON && is_doubled (node->name))
        g_error ("named twice: %s%s%s", node->path, node->focusable ? " (focusable)" : "",
                 node->editable ? " (editable)" : "");
    }
  g_test_message ("%u focusable or editable elements checked", checked);
  g_assert_cmpuint (checked, >, 40);

  /* Review's values are no Tab stops: the Edit button of their group reads
   * them out. GTK 4.8 puts every page on the bus before Review is built,
   * and the tree is read then, without its groups. */
  edit = find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, "Edit Applicant");
  if (edit != NULL)
    {
      g_autofree char *description = atspi_accessible_get_description (edit->object, &error);

      g_assert_no_error (error);
      g_test_message ("Edit Applicant: %s", description);
      g_assert_nonnull (strstr (description, "Email Address: anna@example.com"));
    }
  else
    g_assert_null (find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, "Edit Certificate"));

  /* The app may leave a draft in @dir; the harness removes its TMPDIR. */
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  stop_listening (listener);
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
   * again on the bus's next event, and the assertions decide. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  g_assert_cmpint (atspi_init (), ==, 0);

  g_test_add_func ("/pkio/atspi/wizard-tree", test_wizard_tree);

  status = g_test_run ();
  atspi_exit ();
  return status;
}
