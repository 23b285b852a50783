/* test-token-panel.c
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

#include "pkio-test-ui.h"

#include <adwaita.h>

#include "pkio-test-card.h"
#include "pkio-test-tokens.h"
#include "pkio-token-panel.h"
#include "pkio-token-row.h"
#include "pkio-window.h"

static PkioTestTokens *tokens;

#define PIN_NOT_REPORTED_TEXT \
  "PIN state not reported by this card: if a wrong PIN was entered too often, it may be " \
  "locked. The token’s own tool, or DigiCert Trust Assistant for a SafeNet token, shows " \
  "how many tries are left."

#define POLL_MS 100

static gboolean
monitor_ready (gpointer data)
{
  PkioTokenMonitor *monitor = pkio_token_panel_get_monitor (data);

  return monitor && pkio_token_monitor_get_ready (monitor);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
token_rows (GtkWidget *panel)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect (panel, PKIO_TYPE_TOKEN_ROW, rows);
  return rows;
}

static guint
n_token_rows (GtkWidget *panel)
{
  g_autoptr(GPtrArray) rows = token_rows (panel);

  return rows->len;
}

static GtkWidget *
find_row (GtkWidget  *panel,
          const char *title)
{
  g_autoptr(GPtrArray) rows = token_rows (panel);

  for (guint i = 0; i < rows->len; i++)
    {
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
label_contains (GtkWidget  *root,
                const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_action_row (GtkWidget  *root,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static GtkWidget *
panel_in_window (PkioTokenMonitor *monitor,
                 GtkWindow       **window_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *panel = pkio_token_panel_new ();

  pkio_token_panel_set_monitor (PKIO_TOKEN_PANEL (panel), monitor);
  gtk_window_set_child (window, panel);
  gtk_window_set_default_size (window, 400, 700);
  gtk_window_present (window);
  pkio_test_ui_iterate_until_idle ();

  *window_out = window;
  return panel;
}

static void
close_and_finalize (GtkWindow *window)
{
  pkio_test_ui_destroy_and_finalize (window);
  pkio_test_wait_for_threads ();
}

static void
test_empty_state (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "ui-empty", "present=0\n");
  const char *paths[] = { module, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkStack *stack;
  g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();

  /* Before the first poll ends, it says it is looking, not "no token". */
  collect (panel, GTK_TYPE_STACK, pages);
  stack = g_ptr_array_index (pages, 0);
  if (!pkio_token_monitor_get_ready (monitor))
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (has_label (gtk_stack_get_visible_child (stack), "Insert your signing token"));
  g_assert_true (label_contains (gtk_stack_get_visible_child (stack), "eToken 5110 CC"));
  /* The panel scrolls as a whole: a scrolled window nested in it (the
   * status page's own) was a few lines high and cut the text off. */
  collect (panel, GTK_TYPE_SCROLLED_WINDOW, scrolled);
  g_assert_cmpuint (scrolled->len, ==, 1);
  g_assert_cmpuint (n_token_rows (panel), ==, 0);
  g_assert_true (label_contains (panel, "install DigiCert Trust Assistant"));

  g_clear_object (&monitor);
  close_and_finalize (window);
}

typedef struct
{
  GtkWidget *panel;
  guint      n;
} RowCount;

static gboolean
has_n_rows (gpointer data)
{
  RowCount *count = data;

  return n_token_rows (count->panel) == count->n;
}

static void
test_rows_follow_tokens (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "ui-hotplug", "present=0\n");
  const char *paths[] = { PKIO_TEST_SOFTHSM_MODULE, module, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  RowCount count = { panel, 0 };
  GtkWidget *row;

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();

  /* The two SoftHSM tokens and SoftHSM's free slot: a row per token. */
  count.n = g_list_model_get_n_items (G_LIST_MODEL (monitor));
  g_assert_cmpuint (count.n, ==, 3);
  g_assert_cmpuint (n_token_rows (panel), ==, 3);

  row = find_row (panel, PKIO_TEST_SIGNING_LABEL);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_focusable (row));
  g_assert_true (has_label (row, "Ready to sign"));
  g_assert_nonnull (find_row (panel, PKIO_TEST_EMPTY_LABEL));
  g_assert_true (has_label (find_row (panel, PKIO_TEST_EMPTY_LABEL),
                            "No signing certificate yet"));
  g_assert_true (label_contains (panel, "Your signing certificate is on the token"));

  /* Insertion and removal on the test module. The rows of the tokens that
   * stay are the same widgets throughout: nothing flickers, and an
   * expanded row stays expanded. */
  pkio_test_tokens_set_state (module, "present=1\nlabel=Inserted\n");
  count.n = 4;
  g_assert_true (pkio_test_run_until (has_n_rows, &count, PKIO_TEST_HANG_SECONDS));
  g_assert_nonnull (find_row (panel, "Inserted"));
  g_assert_true (find_row (panel, PKIO_TEST_SIGNING_LABEL) == row);

  pkio_test_tokens_set_state (module, "present=0\n");
  count.n = 3;
  g_assert_true (pkio_test_run_until (has_n_rows, &count, PKIO_TEST_HANG_SECONDS));
  g_assert_null (find_row (panel, "Inserted"));
  g_assert_true (find_row (panel, PKIO_TEST_SIGNING_LABEL) == row);

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static void
check_pin_text (const char *name,
                const char *flags,
                const char *badge,
                const char *pin_text)
{
  g_autofree char *state = g_strdup_printf ("present=1\nlabel=Citizen\nflags=%s\n", flags);
  g_autofree char *module = pkio_test_tokens_add_module (tokens, name, state);
  const char *paths[] = { module, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  GtkWidget *row;
  GtkWidget *pin_row;

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();

  row = find_row (panel, "Citizen");
  g_assert_nonnull (row);
  if (badge)
    g_assert_true (has_label (row, badge));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pkio_test_ui_iterate_until_idle ();
  pin_row = find_action_row (row, "PIN");
  g_assert_nonnull (pin_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pin_row)), ==, pin_text);

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static void
test_pin_final_try (void)
{
  check_pin_text ("ui-final-try",
                  "token_initialized,login_required,user_pin_initialized,final_try",
                  "One PIN try left",
                  "One try left: a wrong PIN locks the token; contact DigiCert to unblock it.");
}

static void
test_pin_not_reported (void)
{
  check_pin_text ("ui-not-reported", "token_initialized,login_required", NULL,
                  PIN_NOT_REPORTED_TEXT);
}

static gboolean
has_row_cb (gpointer data)
{
  GtkWidget **args = data;

  return find_row (args[0], (const char *)args[1]) != NULL;
}

static GtkWidget *
wait_for_row (GtkWidget  *panel,
              const char *title)
{
  gpointer args[] = { panel, (gpointer)title };

  g_assert_true (pkio_test_run_until (has_row_cb, args, PKIO_TEST_HANG_SECONDS));
  return find_row (panel, title);
}

/* OpenSC on a card whose driver cannot read the PIN state sets only
 * user-pin-initialized, even on a blocked PIN: that is no reason to say
 * "Ready to sign". */
static void
test_pin_unknown_not_ready (void)
{
  g_autofree char *state = g_strdup_printf ("present=1\nlabel=Unknown PIN\ncert=%s\n"
                                            "library_manufacturer=OpenSC Project\n"
                                            "flags=token_initialized,login_required,"
                                            "user_pin_initialized\n", tokens->cert_der);
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "ui-pin-unknown", state);
  const char *paths[] = { module, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  GtkWidget *row = wait_for_row (panel, "Unknown PIN");
  GtkWidget *pin_row;

  g_assert_false (has_label (row, "Ready to sign"));
  g_assert_true (has_label (row, "Certificate ready, PIN state unknown"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pkio_test_ui_iterate_until_idle ();
  pin_row = find_action_row (row, "PIN");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pin_row)), ==,
                   PIN_NOT_REPORTED_TEXT);
  g_assert_false (label_contains (panel, "you can sign documents"));
  g_assert_true (label_contains (panel, "DigiCert Trust Assistant"));

  /* The card answers CKR_PIN_LOCKED: locked, whatever the flags say. */
  pkio_test_tokens_set_state (module, "present=1\nlabel=Unknown PIN\n"
                                      "library_manufacturer=OpenSC Project\n"
                                      "session_pin_locked=1\n");
  row = wait_for_row (panel, "Unknown PIN");
  while (!has_label (find_row (panel, "Unknown PIN"), "PIN locked"))
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&monitor);
  close_and_finalize (window);
}

/* Non-repudiation alone is not "qualified", and neither is an expired
 * qualified certificate. */
static void
test_not_qualified (void)
{
  g_autofree char *plain_state = g_strdup_printf ("present=1\nlabel=Plain\nserial=1\ncert=%s\n",
                                                  tokens->plain_cert_der);
  g_autofree char *expired_state = g_strdup_printf ("present=1\nlabel=Expired\nserial=2\n"
                                                    "cert=%s\n", tokens->expired_cert_der);
  g_autofree char *plain = pkio_test_tokens_add_module (tokens, "ui-plain", plain_state);
  g_autofree char *expired = pkio_test_tokens_add_module (tokens, "ui-expired", expired_state);
  const char *paths[] = { plain, expired, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  GtkWidget *plain_row = wait_for_row (panel, "Plain");
  GtkWidget *expired_row = wait_for_row (panel, "Expired");

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
  g_assert_false (has_label (plain_row, "Qualified signing"));
  g_assert_false (has_label (plain_row, "Ready to sign"));
  g_assert_true (has_label (plain_row, "No signing certificate yet"));
  g_assert_false (has_label (expired_row, "Qualified signing"));
  g_assert_true (has_label (expired_row, "Expired"));
  g_assert_false (has_label (expired_row, "Ready to sign"));
  g_assert_false (label_contains (panel, "you can sign documents"));

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static gboolean
label_outside_expander (GtkWidget  *root,
                        const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (GTK_LABEL (label)), text) &&
          gtk_widget_get_ancestor (label, GTK_TYPE_EXPANDER) == NULL &&
          gtk_widget_is_drawable (label))
        return TRUE;
    }

  return FALSE;
}

/* A module that hangs (in the entry point of the test's data) and one that
 * fails: the working one's token is listed, before the stuck one times
 * out, and both failures are named in the panel's main view, not only in
 * Diagnostics. */
static void
test_failures_in_main_view (gconstpointer data)
{
  const char *entry_point = data;
  g_autofree char *stuck_state = g_strdup_printf ("present=1\ncert=%s\nhang=%s\n",
                                                  tokens->cert_der, entry_point);
  g_autofree char *good = pkio_test_tokens_add_module (tokens, "ui-good",
                                                      "present=1\nlabel=Working\n");
  g_autofree char *broken = pkio_test_tokens_add_module (tokens, "ui-broken",
                                                        "present=1\nfail_init=1\n");
  g_autofree char *stuck = pkio_test_tokens_add_module (tokens, "ui-stuck", stuck_state);
  const char *paths[] = { stuck, broken, good, NULL };
  const guint stuck_ms = 3000;
  gint64 started = g_get_monotonic_time ();
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, stuck_ms);
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);

  wait_for_row (panel, "Working");
  /* Listed before the stuck module's deadline, unless the machine was too
   * busy to get here before it. */
  if (g_get_monotonic_time () - started < stuck_ms * G_TIME_SPAN_MILLISECOND)
    g_assert_false (pkio_token_monitor_get_ready (monitor));
  else
    g_test_message ("the stuck module's deadline went by first; not checked");

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (label_outside_expander (panel, "“ui-stuck”"));
  g_assert_true (label_outside_expander (panel, "Does not respond"));
  g_assert_true (label_outside_expander (panel, "“ui-broken”"));
  g_assert_true (label_outside_expander (panel, "C_Initialize"));

  /* With no token at all, the empty state does not promise that one will
   * show up. */
  pkio_test_tokens_set_state (good, "present=0\n");
  while (n_token_rows (panel) > 0)
    g_main_context_iteration (NULL, TRUE);
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (label_outside_expander (panel, "does not work"));
  g_assert_false (label_outside_expander (panel, "shows up here within a few seconds"));

  pkio_test_tokens_set_state (stuck, "present=0\n");
  g_clear_object (&monitor);
  close_and_finalize (window);
}

static gboolean
is_allocated_cb (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static GtkWidget *
find_title_label (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "title"))
        return g_ptr_array_index (labels, i);
    }

  return NULL;
}

/* An expanded row stays expanded when its token changes; a certificate
 * title next to two badges keeps whole words together. */
static void
test_layout (void)
{
  g_autofree char *state = g_strdup_printf ("present=1\nlabel=Layout\ncert=%s\n",
                                            tokens->cert_der);
  g_autofree char *changed = g_strdup_printf ("present=1\nlabel=Layout\ncert=%s\n"
                                              "flags=token_initialized,login_required,"
                                              "user_pin_initialized,count_low\n",
                                              tokens->cert_der);
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "ui-layout", state);
  const char *paths[] = { module, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  g_autofree char *cert_title = g_strdup_printf ("Certificate: %s", PKIO_TEST_SIGNER_CN);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *panel = pkio_token_panel_new ();
  g_autoptr(GDateTime) soon = NULL;
  PkioTokenCertificate *cert;
  GtkWidget *row, *cert_row, *title;
  int width;

  g_assert_true (pkio_test_run_until ((gboolean (*) (gpointer))pkio_token_monitor_get_ready,
                                       monitor, PKIO_TEST_HANG_SECONDS));
  {
    g_autoptr(PkioToken) token = g_list_model_get_item (G_LIST_MODEL (monitor), 0);

    cert = g_ptr_array_index (pkio_token_get_certificates (token), 0);
    soon = g_date_time_add_days (pkio_token_certificate_get_not_after (cert), -10);
  }

  /* Two badges: "Qualified signing" and "Expires soon". */
  pkio_token_panel_set_now (PKIO_TOKEN_PANEL (panel), soon);
  pkio_token_panel_set_monitor (PKIO_TOKEN_PANEL (panel), monitor);
  gtk_window_set_child (window, panel);
  gtk_window_set_default_size (window, 300, 700);
  gtk_window_present (window);
  pkio_test_ui_iterate_until_idle ();

  row = find_row (panel, "Layout");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pkio_test_ui_iterate_until_idle ();
  cert_row = find_action_row (row, cert_title);
  g_assert_true (has_label (cert_row, "Qualified signing"));
  g_assert_true (has_label (cert_row, "Expires soon"));

  /* "Certificate: Jan Jansen" at 300 pixels: at most two lines, never a
   * word a line. */
  title = find_title_label (cert_row);
  g_assert_nonnull (title);
  g_assert_true (pkio_test_run_until (is_allocated_cb, title, PKIO_TEST_HANG_SECONDS));
  width = gtk_widget_get_width (title);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (title))), <=, 2);

  pkio_test_tokens_set_state (module, changed);
  while (find_row (panel, "Layout") == row || find_row (panel, "Layout") == NULL)
    g_main_context_iteration (NULL, TRUE);
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_row (panel, "Layout"))));

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static void
test_certificate_badges (void)
{
  const char *paths[] = { PKIO_TEST_SOFTHSM_MODULE, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  g_autoptr(PkioToken) token = NULL;
  g_autoptr(GDateTime) soon = NULL;
  g_autofree char *cert_title = g_strdup_printf ("Certificate: %s", PKIO_TEST_SIGNER_CN);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *panel = pkio_token_panel_new ();
  PkioTokenCertificate *cert = NULL;
  GtkWidget *cert_row;

  g_assert_true (pkio_test_run_until ((gboolean (*) (gpointer))pkio_token_monitor_get_ready,
                                       monitor, PKIO_TEST_HANG_SECONDS));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (monitor)) && !cert; i++)
    {
      g_autoptr(PkioToken) t = g_list_model_get_item (G_LIST_MODEL (monitor), i);

      if (pkio_token_get_certificates (t)->len > 0)
        cert = g_ptr_array_index (pkio_token_get_certificates (t), 0);
    }
  g_assert_nonnull (cert);

  /* Ten days before the end: flagged, and still ready to sign. */
  soon = g_date_time_add_days (pkio_token_certificate_get_not_after (cert), -10);
  pkio_token_panel_set_now (PKIO_TOKEN_PANEL (panel), soon);
  pkio_token_panel_set_monitor (PKIO_TOKEN_PANEL (panel), monitor);
  gtk_window_set_child (window, panel);
  gtk_window_present (window);
  pkio_test_ui_iterate_until_idle ();

  cert_row = find_action_row (find_row (panel, PKIO_TEST_SIGNING_LABEL), cert_title);
  g_assert_nonnull (cert_row);
  g_assert_true (has_label (cert_row, "Expires soon"));
  g_assert_true (has_label (cert_row, "Qualified signing"));
  g_assert_true (has_label (find_row (panel, PKIO_TEST_SIGNING_LABEL), "Ready to sign"));

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static void
test_diagnostics (void)
{
  g_autofree char *bad = pkio_test_tokens_add_module (tokens, "ui-bad",
                                                      "present=1\nfail_init=1\n");
  const char *paths[] = { bad, NULL };
  g_autoptr(PkioTokenMonitor) monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 5000);
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  g_autofree char *text = NULL;
  GtkWindow *window;
  GtkWidget *panel = panel_in_window (monitor, &window);
  GtkWidget *copy_button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));

  collect (panel, GTK_TYPE_EXPANDER, expanders);
  g_assert_cmpuint (expanders->len, ==, 1);
  gtk_expander_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  pkio_test_ui_iterate_until_idle ();

  text = pkio_token_panel_dup_diagnostics (PKIO_TOKEN_PANEL (panel));
  g_assert_nonnull (strstr (text, "Module: ui-bad ("));
  g_assert_nonnull (strstr (text, "State: failed"));
  g_assert_nonnull (strstr (text, "C_Initialize"));
  g_assert_nonnull (strstr (text, "Runs in Flatpak: no"));
  g_assert_nonnull (strstr (text, "Smart card service (pcscd): "));
  g_assert_true (has_label (g_ptr_array_index (expanders, 0), text));

  collect (panel, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)),
                     "_Copy Diagnostics") == 0)
        copy_button = g_ptr_array_index (buttons, i);
    }
  g_assert_nonnull (copy_button);

  g_clear_object (&monitor);
  close_and_finalize (window);
}

static gboolean
window_shows_signing_token (gpointer data)
{
  return find_row (data, PKIO_TEST_SIGNING_LABEL) != NULL;
}

static void
test_window_panel (void)
{
  PkioWindow *window = pkio_window_new (NULL, NULL);
  GtkWidget *panel = pkio_window_get_token_panel (window);
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  GtkWidget *toggle = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  /* Nothing is loaded until the panel is opened. */
  g_assert_null (pkio_token_panel_get_monitor (PKIO_TOKEN_PANEL (panel)));

  collect (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkButton *button = g_ptr_array_index (toggles, i);
      GtkWidget *child = gtk_button_get_child (button);

      /* The icon is the button's own, or an image of its own that a
       * screen reader skips (pkio_form_quiet_icons()). */
      if (g_strcmp0 (gtk_button_get_icon_name (button), "auth-smartcard-symbolic") == 0 ||
          (GTK_IS_IMAGE (child) &&
           g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "auth-smartcard-symbolic") == 0))
        toggle = GTK_WIDGET (button);
    }
  g_assert_nonnull (toggle);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (toggle),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  pkio_test_ui_iterate_until_idle ();
  g_assert_nonnull (pkio_token_panel_get_monitor (PKIO_TOKEN_PANEL (panel)));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (panel,
                                                                             ADW_TYPE_FLAP))));

  /* The production monitor: the modules registered with p11-kit, which
   * include SoftHSM2, here pointed at the test's tokens. */
  g_assert_true (pkio_test_run_until (window_shows_signing_token, panel, PKIO_TEST_HANG_SECONDS));

  /* F9 closes it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tokens.toggle", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));

  close_and_finalize (GTK_WINDOW (window));
}

/* The real stack: pcscd, the vpcd reader, a vicc card, OpenSC. Insert,
 * lock the PIN, remove, and pcscd going away and coming back. */
static void
test_real_card (void)
{
  PkioTestCard *card = pkio_test_card_start (tokens->dir, tokens->cert_der);
  const char *paths[] = { PKIO_TEST_OPENSC_MODULE, NULL };
  g_autoptr(PkioTokenMonitor) monitor = NULL;
  RowCount none;
  GtkWindow *window;
  GtkWidget *panel, *row, *pin_row;

  if (card == NULL)
    return;

  /* Polls as often as the app does: every poll reads the card, and this
   * card is slow enough that polling it ten times a second would starve
   * pkcs11-tool's PIN tries of the reader. */
  monitor = pkio_token_monitor_new_for_modules (paths, PKIO_TOKEN_MONITOR_POLL_INTERVAL_MS,
                                                10000);
  panel = panel_in_window (monitor, &window);
  none.panel = panel;
  none.n = 0;
  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpuint (n_token_rows (panel), ==, 0);
  g_assert_true (label_outside_expander (panel, "Insert your signing token"));

  /* Inserted: a qualified certificate, but OpenSC cannot read this card's
   * PIN state, so it is not "Ready to sign". */
  pkio_test_card_insert (card);
  row = wait_for_row (panel, PKIO_TEST_CARD_TOKEN);
  g_assert_true (has_label (row, "Certificate ready, PIN state unknown"));
  g_assert_false (has_label (row, "Ready to sign"));

  /* Three wrong PINs: C_Login answers CKR_PIN_LOCKED, the flags do not
   * change. Still never "ready", and the PIN row says what to do. */
  pkio_test_card_lock_pin (card);
  pkio_token_monitor_refresh (monitor);
  row = wait_for_row (panel, PKIO_TEST_CARD_TOKEN);
  g_assert_false (has_label (row, "Ready to sign"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pkio_test_ui_iterate_until_idle ();
  pin_row = find_action_row (row, "PIN");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pin_row)), ==,
                   PIN_NOT_REPORTED_TEXT);

  /* Removed. */
  pkio_test_card_remove (card);
  g_assert_true (pkio_test_run_until (has_n_rows, &none, PKIO_TEST_HANG_SECONDS));

  /* pcscd stops (the card goes with it) and comes back: the module keeps
   * working and the card shows up again. */
  pkio_test_card_insert (card);
  wait_for_row (panel, PKIO_TEST_CARD_TOKEN);
  pkio_test_card_stop_pcscd (card);
  g_assert_true (pkio_test_run_until (has_n_rows, &none, PKIO_TEST_HANG_SECONDS));
  pkio_test_card_start_pcscd (card);
  pkio_test_card_insert (card);
  wait_for_row (panel, PKIO_TEST_CARD_TOKEN);

  g_clear_object (&monitor);
  close_and_finalize (window);
  pkio_test_card_free (card);
}

static gboolean
row_gone_cb (gpointer data)
{
  GtkWidget **args = data;

  return find_row (args[0], (const char *)args[1]) == NULL;
}

/* A citizen's afternoon with the virtual card, in the app's own window and
 * its production monitor (the modules registered with p11-kit, OpenSC
 * among them): open the panel with F9's action, insert the card, lock its
 * PIN, take it out. */
static void
test_real_card_window (void)
{
  PkioTestCard *card = pkio_test_card_start (tokens->dir, tokens->cert_der);
  PkioWindow *window;
  GtkWidget *panel, *row, *pin_row;
  gpointer gone[] = { NULL, (gpointer)PKIO_TEST_CARD_TOKEN };

  if (card == NULL)
    return;

  window = pkio_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  /* The wizard builds its later pages over the first frames; its width
   * settles only then. */
  pkio_test_ui_wait_settled (GTK_WIDGET (window));
  panel = pkio_window_get_token_panel (window);
  gone[0] = panel;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tokens.toggle", NULL));
  g_assert_true (pkio_test_run_until (monitor_ready, panel, PKIO_TEST_HANG_SECONDS));
  g_assert_null (find_row (panel, PKIO_TEST_CARD_TOKEN));
  pkio_test_ui_save_screenshot (GTK_WIDGET (window), "1-no-card");

  pkio_test_card_insert (card);
  row = wait_for_row (panel, PKIO_TEST_CARD_TOKEN);
  g_assert_true (has_label (row, "Certificate ready, PIN state unknown"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pkio_test_ui_save_screenshot (GTK_WIDGET (window), "2-card-inserted");

  pkio_test_card_lock_pin (card);
  pkio_token_monitor_refresh (pkio_token_panel_get_monitor (PKIO_TOKEN_PANEL (panel)));
  row = wait_for_row (panel, PKIO_TEST_CARD_TOKEN);
  g_assert_false (has_label (row, "Ready to sign"));
  pin_row = find_action_row (row, "PIN");
  g_assert_nonnull (pin_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pin_row)), ==,
                   PIN_NOT_REPORTED_TEXT);
  pkio_test_ui_save_screenshot (GTK_WIDGET (window), "3-pin-locked");

  pkio_test_card_remove (card);
  g_assert_true (pkio_test_run_until (row_gone_cb, gone, PKIO_TEST_HANG_SECONDS));
  /* AdwFlap hides the panel whenever it folds, which a change of width in
   * the window can cause; the citizen opens it again. */
  if (!adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (panel, ADW_TYPE_FLAP))))
    {
      g_test_message ("the token panel folded away; opening it again");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tokens.toggle", NULL));
    }
  pkio_test_ui_save_screenshot (GTK_WIDGET (window), "4-card-removed");

  close_and_finalize (GTK_WINDOW (window));
  pkio_test_card_free (card);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  pkio_test_ui_init (&argc, &argv);

  tokens = pkio_test_tokens_setup ();

  g_test_add_func ("/pkio/token-panel/empty", test_empty_state);
  g_test_add_func ("/pkio/token-panel/rows-follow-tokens", test_rows_follow_tokens);
  g_test_add_func ("/pkio/token-panel/pin-final-try", test_pin_final_try);
  g_test_add_func ("/pkio/token-panel/pin-not-reported", test_pin_not_reported);
  g_test_add_func ("/pkio/token-panel/certificate-badges", test_certificate_badges);
  g_test_add_func ("/pkio/token-panel/pin-unknown-not-ready", test_pin_unknown_not_ready);
  g_test_add_func ("/pkio/token-panel/not-qualified", test_not_qualified);
  {
    static const char * const entry_points[] = {
      "C_GetFunctionList", "C_Initialize", "C_GetSlotList", "C_OpenSession",
    };

    for (guint i = 0; i < G_N_ELEMENTS (entry_points); i++)
      {
        g_autofree char *path = g_strdup_printf ("/pkio/token-panel/failures-in-main-view/%s",
                                                 entry_points[i]);

        g_test_add_data_func (path, entry_points[i], test_failures_in_main_view);
      }
  }
  g_test_add_func ("/pkio/token-panel/layout", test_layout);
  g_test_add_func ("/pkio/token-panel/real-card", test_real_card);
  g_test_add_func ("/pkio/token-panel/real-card-window", test_real_card_window);
  g_test_add_func ("/pkio/token-panel/diagnostics", test_diagnostics);
  g_test_add_func ("/pkio/token-panel/window", test_window_panel);

  ret = g_test_run ();

  pkio_test_wait_for_threads ();
  pkio_test_tokens_free (tokens);

  return ret;
}
