/* pkio-token-panel.c
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

#include <glib/gi18n.h>

#include "pkio-form.h"
#include "pkio-token-panel.h"
#include "pkio-token-report.h"
#include "pkio-token-row.h"

/* The token panel: which tokens are in, whether one is ready to sign, and
 * the diagnostics support asks for. It only renders the monitor's model;
 * all PKCS#11 work is on the monitor's threads. */

struct _PkioTokenPanel
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkListBox       *token_list;
  GtkListBox       *problem_list;
  GtkLabel         *empty_description;
  GtkLabel         *guidance;
  GtkExpander      *diagnostics_expander;
  GtkLabel         *diagnostics_label;

  /* Owned */
  PkioTokenMonitor *monitor;
  GDateTime        *now;
  /* Keys of the tokens whose row is expanded: a changed token gets a new
   * row, which must open as the old one was. */
  GHashTable       *expanded;
  char             *described;
  gboolean          focus_on_map;
};

enum {
  PROP_0,
  PROP_MONITOR,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioTokenPanel, pkio_token_panel, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static GDateTime *
dup_now (PkioTokenPanel *self)
{
  return self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

static void
row_expanded_cb (GtkWidget      *row,
                 GParamSpec     *pspec,
                 PkioTokenPanel *self)
{
  const char *key = pkio_token_get_key (pkio_token_row_get_token (PKIO_TOKEN_ROW (row)));

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PkioTokenPanel *self = user_data;
  g_autoptr(GDateTime) now = dup_now (self);
  GtkWidget *row = pkio_token_row_new (item, now);

  /* Its own list, unnamed, was "GtkListBox" on GTK 4.8. */
  pkio_form_quiet_choice_rows (row);

  if (g_hash_table_contains (self->expanded, pkio_token_get_key (item)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (row_expanded_cb), self, 0);

  return row;
}

static char *
problem_advice (const PkioTokenModuleStatus *status)
{
  if (status->state == PKIO_TOKEN_MODULE_NOT_RESPONDING)
    return g_strdup_printf (_("Does not respond, perhaps because another program is using the "
                              "token: what is shown may be out of date. If this lasts, unplug "
                              "the token and plug it in again, or restart the computer. (%s)"),
                            status->error ? status->error : "");

  return g_strdup_printf (_("Failed: its tokens cannot be shown. Reinstalling the token’s "
                            "software may help. (%s)"), status->error ? status->error : "");
}

/* Failures belong in the main view: a citizen does not open Diagnostics. */
static guint
update_problems (PkioTokenPanel *self)
{
  g_autoptr(GPtrArray) modules = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))))
    gtk_list_box_remove (self->problem_list, child);

  if (self->monitor != NULL && pkio_token_monitor_get_ready (self->monitor))
    modules = pkio_token_monitor_dup_modules (self->monitor);

  for (guint i = 0; modules && i < modules->len; i++)
    {
      const PkioTokenModuleStatus *status = g_ptr_array_index (modules, i);
      g_autofree char *title = NULL;
      g_autofree char *advice = NULL;
      GtkWidget *row, *icon;

      if (status->state == PKIO_TOKEN_MODULE_OK)
        continue;

      /* Translators: %s is the name of a PKCS#11 module, such as opensc-pkcs11 */
      title = g_strdup_printf (_("Token software “%s”"), status->name);
      advice = problem_advice (status);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), advice);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"),
                                      -1);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->problem_list, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), n > 0);

  return n;
}

static void
update_diagnostics (PkioTokenPanel *self)
{
  g_autofree char *text = NULL;

  /* Built only while shown: it connects to pcscd's socket. */
  if (!gtk_expander_get_expanded (self->diagnostics_expander))
    return;

  text = pkio_token_panel_dup_diagnostics (self);
  gtk_label_set_text (self->diagnostics_label, text);
}

static gboolean
any_with_readiness (PkioTokenPanel     *self,
                    PkioTokenReadiness  readiness)
{
  g_autoptr(GDateTime) now = dup_now (self);
  GListModel *model = G_LIST_MODEL (self->monitor);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PkioToken) token = g_list_model_get_item (model, i);

      if (pkio_token_get_readiness (token, now) == readiness)
        return TRUE;
    }

  return FALSE;
}

static gboolean
any_ready_to_sign (PkioTokenPanel *self)
{
  return any_with_readiness (self, PKIO_TOKEN_READY);
}

static gboolean
any_ready_pin_unknown (PkioTokenPanel *self)
{
  return any_with_readiness (self, PKIO_TOKEN_READY_PIN_UNKNOWN);
}

static void
update_guidance (PkioTokenPanel *self,
                 const char     *page)
{
  /* What to do next depends on where the citizen is: waiting for the
   * token, holding one without the certificate, or done. */
  if (g_str_equal (page, "tokens") && any_ready_to_sign (self))
    gtk_label_set_text (self->guidance,
                        _("Your signing certificate is on the token: you can sign documents "
                          "with it. Keep the PIN to yourself; a wrong PIN entered too often "
                          "locks the token."));
  else if (g_str_equal (page, "tokens") && any_ready_pin_unknown (self))
    gtk_label_set_text (self->guidance,
                        _("Your signing certificate is on the token, but the card does not "
                          "tell whether its PIN is locked. If signing fails, check the PIN with "
                          "the token’s own tool, or with DigiCert Trust Assistant."));
  else
    gtk_label_set_text (self->guidance,
                        _("When your token arrives from DigiCert, install DigiCert Trust "
                          "Assistant and follow its steps to put your certificate on the "
                          "token. Once the certificate is on it, the token shows "
                          "“Ready to sign” here."));
}

/* The panel's state in words, in its name: what a screen reader says when
 * the panel takes the focus (F9). */
static void
describe_state (PkioTokenPanel *self,
                const char     *page)
{
  g_autoptr(GString) said = g_string_new (NULL);
  g_autofree char *name = NULL;

  if (g_str_equal (page, "loading"))
    g_string_append (said, _("Looking for tokens…"));
  else if (g_str_equal (page, "empty"))
    g_string_append (said, gtk_label_get_text (self->empty_description));
  else
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->token_list));
         row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        if (!PKIO_IS_TOKEN_ROW (row))
          continue;
        if (said->len > 0)
          g_string_append (said, "; ");
        /* Translators: a token in the spoken state of the token panel; %1$s is its name, %2$s its state, such as "Ready to sign" */
        g_string_append_printf (said, _("%1$s, %2$s"),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                pkio_token_row_get_status (PKIO_TOKEN_ROW (row)));
      }

  if (g_strcmp0 (said->str, self->described) == 0)
    return;
  g_free (self->described);
  self->described = g_string_free (g_steal_pointer (&said), FALSE);

  /* In the name, not the description: GTK 4.8 reports a description as
   * changed again when the panel first has the focus, and Orca 43 said
   * the state twice; Orca 48 said the description in place of the name. */
  /* Translators: the spoken name of a button and what it does, as "Submit Later: Keep the order in the outbox…"; %1$s is the button's label, %2$s the explanation */
  name = g_strdup_printf (_("%1$s: %2$s"), _("Signing Tokens"), self->described);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
update_state (PkioTokenPanel *self)
{
  const char *page;
  guint n_problems = update_problems (self);

  /* Tokens are shown as soon as a module lists them, even while another
   * module has still to answer. */
  if (self->monitor != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->monitor)) > 0)
    page = "tokens";
  else if (self->monitor == NULL || !pkio_token_monitor_get_ready (self->monitor))
    page = "loading";
  else
    page = "empty";

  if (n_problems > 0)
    gtk_label_set_text (self->empty_description,
                        _("No token found. The token software listed above does not work, so "
                          "a token that is plugged in may not show up."));
  else
    gtk_label_set_text (self->empty_description,
                        _("DigiCert sends PKIo signing certificates on a SafeNet eToken 5110 CC "
                          "or a similar Thales SafeNet token. Plug it into a USB port; it shows "
                          "up here within a few seconds."));

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  update_guidance (self, page);
  describe_state (self, page);

  update_diagnostics (self);
}

static void
diagnostics_expanded_cb (PkioTokenPanel *self)
{
  update_diagnostics (self);
}

static void
copy_clicked_cb (PkioTokenPanel *self)
{
  g_autofree char *text = pkio_token_panel_dup_diagnostics (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
name_page (PkioTokenPanel *self,
           const char     *page,
           const char     *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->stack, page);

  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, child)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
focus_self (PkioTokenPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->focus_on_map = FALSE;
  if (root == NULL)
    return;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* The root, not grab_focus(): a bin passes that on to its child. */
  gtk_root_set_focus (root, GTK_WIDGET (self));
}

static void
map_cb (PkioTokenPanel *self)
{
  if (self->focus_on_map)
    focus_self (self);
}

static void
has_focus_cb (PkioTokenPanel *self)
{
  /* A place to land, not a Tab stop. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
pkio_token_panel_dispose (GObject *object)
{
  PkioTokenPanel *self = (PkioTokenPanel *)object;

  if (self->token_list)
    gtk_list_box_bind_model (self->token_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_TOKEN_PANEL);

  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (pkio_token_panel_parent_class)->dispose (object);
}

static void
pkio_token_panel_finalize (GObject *object)
{
  PkioTokenPanel *self = (PkioTokenPanel *)object;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->described, g_free);

  G_OBJECT_CLASS (pkio_token_panel_parent_class)->finalize (object);
}

static void
pkio_token_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkioTokenPanel *self = PKIO_TOKEN_PANEL (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_token_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PkioTokenPanel *self = PKIO_TOKEN_PANEL (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      pkio_token_panel_set_monitor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_token_panel_class_init (PkioTokenPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_token_panel_dispose;
  object_class->finalize = pkio_token_panel_finalize;
  object_class->get_property = pkio_token_panel_get_property;
  object_class->set_property = pkio_token_panel_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         PKIO_TYPE_TOKEN_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-token-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, token_list);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, problem_list);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, empty_description);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, guidance);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, diagnostics_expander);
  gtk_widget_class_bind_template_child (widget_class, PkioTokenPanel, diagnostics_label);
  gtk_widget_class_bind_template_callback (widget_class, diagnostics_expanded_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  /* A form, not a group: Orca 48 drops a group's name when the focus comes
   * to it from inside a list (the wizard's choices), and F9 said only
   * "grouping". A form's name is always said, by Orca 43 too. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_FORM);
}

static void
pkio_token_panel_init (PkioTokenPanel *self)
{
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signing Tokens"),
                                  -1);
  /* GTK 4.8 named them "GtkStackPage" (issue #20). */
  name_page (self, "loading", _("Looking for tokens…"));
  name_page (self, "empty", _("Insert your signing token"));
  name_page (self, "tokens", _("Tokens Found"));
  update_state (self);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (has_focus_cb), NULL);
  g_signal_connect_after (self, "map", G_CALLBACK (map_cb), NULL);
}

/**
 * pkio_token_panel_take_focus:
 *
 * Puts the keyboard focus on the panel itself, so that a screen reader
 * says its name and the tokens' state (F9 said nothing while the focus
 * stayed behind); Tab goes on into it. A panel still sliding in takes it
 * once it is on screen: focus given to a hidden widget was never said.
 */
void
pkio_token_panel_take_focus (PkioTokenPanel *self)
{
  g_return_if_fail (PKIO_IS_TOKEN_PANEL (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_self (self);
  else
    self->focus_on_map = TRUE;
}

GtkWidget *
pkio_token_panel_new (void)
{
  return g_object_new (PKIO_TYPE_TOKEN_PANEL, NULL);
}

PkioTokenMonitor *
pkio_token_panel_get_monitor (PkioTokenPanel *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_PANEL (self), NULL);

  return self->monitor;
}

void
pkio_token_panel_set_monitor (PkioTokenPanel   *self,
                              PkioTokenMonitor *monitor)
{
  g_return_if_fail (PKIO_IS_TOKEN_PANEL (self));
  g_return_if_fail (!monitor || PKIO_IS_TOKEN_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  g_set_object (&self->monitor, monitor);

  gtk_list_box_bind_model (self->token_list, G_LIST_MODEL (monitor),
                           monitor ? create_row_cb : NULL, self, NULL);

  if (monitor)
    {
      g_signal_connect_object (monitor, "items-changed", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::ready", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::modules", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
    }

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

/**
 * pkio_token_panel_set_now:
 * @now: (nullable): the time to judge certificates at, %NULL for the
 *   current time; tests pass a fixed one
 *
 * Applies to rows created from now on.
 */
void
pkio_token_panel_set_now (PkioTokenPanel *self,
                          GDateTime      *now)
{
  g_return_if_fail (PKIO_IS_TOKEN_PANEL (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
}

/**
 * pkio_token_panel_dup_diagnostics:
 *
 * Returns: (transfer full): the modules with their errors, the tokens, and
 *   the Flatpak and pcscd facts, as text for a support request
 */
char *
pkio_token_panel_dup_diagnostics (PkioTokenPanel *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *environment = NULL;

  g_return_val_if_fail (PKIO_IS_TOKEN_PANEL (self), NULL);

  g_string_append_printf (out, "PKIo Order %s\n", PACKAGE_VERSION);
  environment = pkio_token_report_environment ();
  g_string_append (out, environment);
  g_string_append_c (out, '\n');

  if (self->monitor && pkio_token_monitor_get_ready (self->monitor))
    {
      g_autoptr(GPtrArray) modules = pkio_token_monitor_dup_modules (self->monitor);
      g_autoptr(GDateTime) now = dup_now (self);
      g_autofree char *report = pkio_token_report_to_text (G_LIST_MODEL (self->monitor),
                                                           modules, now);

      if (modules->len == 0)
        g_string_append_printf (out, "%s\n", _("No PKCS#11 module is registered with p11-kit."));
      g_string_append (out, report);
    }
  else
    {
      g_string_append_printf (out, "%s\n", _("Still looking for tokens."));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
