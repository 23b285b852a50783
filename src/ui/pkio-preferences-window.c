/* pkio-preferences-window.c
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
#include <string.h>

#include "pkio-account.h"
#include "pkio-choice-row.h"
#include "pkio-client.h"
#include "pkio-country-drop-down.h"
#include "pkio-form.h"
#include "pkio-preferences-window.h"
#include "pkio-question.h"
#include "pkio-wipe.h"

struct _PkioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *api_base_url_row;
  GtkButton            *api_base_url_reset;
  AdwActionRow         *api_key_status_row;
  AdwPasswordEntryRow  *api_key_row;
  GtkButton            *verify_button;
  GtkButton            *remove_button;
  GtkSpinner           *api_key_spinner;
  GtkSwitch            *practice_switch;
  AdwPreferencesGroup  *desk_group;

  /* Owned references */
  PkioSettings         *settings;
  GSettings            *desk_settings;
  GCancellable         *cancellable;
  PkioAccount          *account;   /* keys are saved, removed and tried through it */

  guint                 busy;
  guint                 has_key : 1;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The API key: looked up, saved, verified and removed asynchronously; the
 * window may close meanwhile, so every callback holds a reference and
 * ignores a cancellation. */

static void refresh_key_status (PkioPreferencesWindow *self);

static void
sync_key_buttons (PkioPreferencesWindow *self)
{
  gboolean idle = self->busy == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->api_key_spinner), !idle);
  gtk_spinner_set_spinning (self->api_key_spinner, !idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), self->has_key && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), self->has_key && idle);
}

/* The key's state is no Tab stop (pkio_form_quiet_info_row()): Verify,
 * the first stop in its row, reads it out before what it does. */
static void
describe_verify (PkioPreferencesWindow *self)
{
  const char *status = adw_action_row_get_subtitle (self->api_key_status_row);
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self->verify_button));
  g_autoptr(GString) label = NULL;
  g_autofree char *described = NULL;

  if (status == NULL || *status == '\0')
    return;

  label = g_string_new (gtk_button_get_label (self->verify_button));
  g_string_replace (label, "_", "", 0);
  /* Translators: what a screen reader says of the Verify button after its name: the stored key's state, then what the button does */
  described = g_strdup_printf (_("%1$s %2$s"), status, tooltip);
  pkio_form_describe (GTK_WIDGET (self->verify_button), label->str, described);
}

static void
set_busy (PkioPreferencesWindow *self,
          gboolean               busy)
{
  g_assert (busy || self->busy > 0);

  self->busy += busy ? 1 : -1;
  sync_key_buttons (self);
}

static void
set_has_key (PkioPreferencesWindow *self,
             gboolean               has_key,
             const char            *status)
{
  self->has_key = !!has_key;
  adw_action_row_set_subtitle (self->api_key_status_row, status);
  sync_key_buttons (self);
}

/* @title stands in for @message when @message would be cut. */
static void
show_toast (PkioPreferencesWindow *self,
            const char            *title,
            const char            *message)
{
  AdwToast *toast = pkio_toast_new_for_message (GTK_WIDGET (self), title, message);

  pkio_toast_speak (GTK_WIDGET (self), toast);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_key;

  has_key = pkio_account_load_api_key_finish (self->account, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    set_has_key (self, FALSE, error->message);
  else if (pkio_account_get_practice (self->account))
    /* The simulator's own key is no key of the user's: say what is true. */
    set_has_key (self, has_key, _("Practice mode: orders go to the simulator on this "
                                  "computer, which needs no key."));
  else if (has_key)
    set_has_key (self, TRUE, _("A key is stored for this CertCentral address."));
  else
    set_has_key (self, FALSE, _("No key is stored yet. Paste one below."));
}

static void
refresh_key_status (PkioPreferencesWindow *self)
{
  set_busy (self, TRUE);
  pkio_account_load_api_key_async (self->account, self->cancellable, lookup_cb,
                                   g_object_ref (self));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_account_save_api_key_finish (self->account, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      /* What was typed stays in the row, to try again. */
      show_toast (self, _("The API key could not be stored"), error->message);
      return;
    }

  /* Stored: the widget need not hold the key any longer. */
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
  set_has_key (self, TRUE, _("A key is stored for this CertCentral address."));
  show_toast (self, _("The API key is stored in the keyring"),
              _("The API key is stored in the keyring"));
}

static void
on_api_key_apply (PkioPreferencesWindow *self)
{
  g_autofree char *key = NULL;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));
  if (key[0] == '\0')
    return;

  if (strpbrk (key, " \t\n") != NULL)
    {
      show_toast (self, _("The API key was not stored"),
                  _("API key: paste the key exactly as CertCentral showed it, on one line"));
      pkio_wipe_string (key);
      return;
    }

  set_busy (self, TRUE);
  /* The account takes it once stored: the outbox, the status poller and
   * the next submission use it without asking the keyring again. */
  pkio_account_save_api_key_async (self->account, key, self->cancellable, save_cb,
                                   g_object_ref (self));
  pkio_wipe_string (key);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_account_clear_api_key_finish (self->account, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_toast (self, _("The API key could not be removed"), error->message);
      return;
    }

  set_has_key (self, FALSE, _("No key is stored yet. Paste one below."));
  show_toast (self, _("The API key was removed from the keyring"),
              _("The API key was removed from the keyring"));
}

static void
on_remove_clicked (PkioPreferencesWindow *self)
{
  set_busy (self, TRUE);
  pkio_account_clear_api_key_async (self->account, self->cancellable, clear_cb,
                                    g_object_ref (self));
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autofree char *status = NULL;
  const char *username;

  user = pkio_client_get_user_finish (PKIO_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (user == NULL)
    {
      adw_action_row_set_subtitle (self->api_key_status_row, error->message);
      return;
    }

  username = json_object_get_string_member_with_default (json_node_get_object (user), "username",
                                                         "?");
  switch (pkio_client_user_order_permission (user))
    {
    case PKIO_ORDER_PERMISSION_ALLOWED:
      status = g_strdup_printf (_("The key works. It belongs to %s and may place orders."),
                                username);
      break;

    case PKIO_ORDER_PERMISSION_DENIED:
      status = g_strdup_printf (_("The key works, but it belongs to %s and may not place orders. "
                                  "Ask the account administrator for a key with the Orders role."),
                                username);
      break;

    case PKIO_ORDER_PERMISSION_UNKNOWN:
    default:
      status = g_strdup_printf (_("The key works. It belongs to %s and has that user’s "
                                  "permissions."), username);
      break;
    }

  adw_action_row_set_subtitle (self->api_key_status_row, status);
}

static void
verify_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PkioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_account_load_api_key_finish (self->account, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (!pkio_account_get_has_api_key (self->account))
    {
      set_busy (self, FALSE);
      adw_action_row_set_subtitle (self->api_key_status_row,
                                   error ? error->message : _("No key is stored yet. Paste one below."));
      return;
    }

  /* The account's own client: one rate budget with the orders. */
  pkio_client_get_user_async (pkio_account_get_client (self->account), self->cancellable, user_cb,
                              g_object_ref (self));
}

static void
on_verify_clicked (PkioPreferencesWindow *self)
{
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->api_key_status_row, _("Asking CertCentral…"));
  pkio_account_load_api_key_async (self->account, self->cancellable, verify_lookup_cb,
                                   g_object_ref (self));
}

static void
sync_api_base_url (PkioPreferencesWindow *self)
{
  g_autofree char *url = pkio_settings_dup_api_base_url (self->settings);

  gboolean overridden = pkio_settings_is_api_base_url_overridden (self->settings);

  gtk_editable_set_text (GTK_EDITABLE (self->api_base_url_row), url);
  /* Given on the command line, it is not ours to change here. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_base_url_row), !overridden);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->api_base_url_row),
                               overridden ? _("Set with --api-base-url for this run") : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_base_url_reset),
                            !overridden && g_strcmp0 (url, PKIO_DEFAULT_API_BASE_URL) != 0);

  /* Keys are kept per address. */
  refresh_key_status (self);
}

static void
on_api_base_url_apply (PkioPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_base_url_row))));

  if (!pkio_settings_is_acceptable_api_base_url (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->api_base_url_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->api_base_url_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      show_toast (self, _("Not an https:// address"),
                  _("The CertCentral API address must be an https:// address"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->api_base_url_row),
                              GTK_ACCESSIBLE_STATE_INVALID);
  pkio_settings_set_api_base_url (self->settings, text);
}

static void
on_api_base_url_reset (PkioPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->api_base_url_row),
                              GTK_ACCESSIBLE_STATE_INVALID);
  pkio_settings_set_api_base_url (self->settings, NULL);
}

/* Desk defaults: each row stands for one GSettings key; the first choice
 * of every row is "none", which a citizen at home keeps. */

static void
desk_country_changed_cb (GtkDropDown           *dropdown,
                         GParamSpec            *pspec,
                         PkioPreferencesWindow *self)
{
  const char *code = pkio_country_drop_down_get_code (dropdown);

  if (code != NULL)
    g_settings_set_string (self->desk_settings, "desk-country", code);
}

static void
desk_choice_changed_cb (PkioChoiceRow         *row,
                        GParamSpec            *pspec,
                        PkioPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "pkio-key");
  const char * const *values = g_object_get_data (G_OBJECT (row), "pkio-values");
  guint selected = pkio_choice_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  if (values != NULL)
    g_settings_set_string (self->desk_settings, key, values[selected]);
  else
    g_settings_set_uint (self->desk_settings, key, selected);
}

static void
add_desk_choice (PkioPreferencesWindow *self,
                 const char            *title,
                 const char            *key,
                 const char * const    *labels,
                 const char * const    *values)
{
  PkioChoiceRow *row = PKIO_CHOICE_ROW (pkio_choice_row_new (title, labels));
  guint selected = 0;

  if (values != NULL)
    {
      g_autofree char *current = g_settings_get_string (self->desk_settings, key);

      for (guint i = 0; values[i] != NULL; i++)
        if (g_str_equal (values[i], current))
          selected = i;
    }
  else
    {
      selected = g_settings_get_uint (self->desk_settings, key);
    }
  pkio_choice_row_set_selected (row, selected);

  g_object_set_data (G_OBJECT (row), "pkio-key", (gpointer) key);
  g_object_set_data (G_OBJECT (row), "pkio-values", (gpointer) values);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (desk_choice_changed_cb), self, 0);
  adw_preferences_group_add (self->desk_group, GTK_WIDGET (row));
}

/* Minutes offered for clearing after inactivity; 0 is off. */
static const guint idle_minutes[] = { 0, 2, 5, 10, 15, 30 };

static void
idle_choice_changed_cb (PkioChoiceRow         *row,
                        GParamSpec            *pspec,
                        PkioPreferencesWindow *self)
{
  guint selected = pkio_choice_row_get_selected (row);

  if (selected < G_N_ELEMENTS (idle_minutes))
    pkio_settings_set_idle_clear_minutes (self->settings, idle_minutes[selected]);
}

static void
add_idle_choice (PkioPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint current = pkio_settings_get_idle_clear_minutes (self->settings);
  guint selected = 0;
  GtkWidget *row;

  for (guint i = 0; i < G_N_ELEMENTS (idle_minutes); i++)
    {
      g_autofree char *label = NULL;

      if (idle_minutes[i] == 0)
        label = g_strdup (_("Never"));
      else
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %u minute",
                                              "After %u minutes", idle_minutes[i]),
                                 idle_minutes[i]);
      gtk_string_list_append (labels, label);
      if (idle_minutes[i] <= current && current > 0)
        selected = i;
    }

  row = g_object_new (PKIO_TYPE_CHOICE_ROW,
                      "title", _("Clear When Idle"),
                      "subtitle", _("After a warning, the window forgets the applicant as "
                                    "New Order does; an unfinished order is kept as a draft"),
                      "model", labels,
                      "selected", selected,
                      NULL);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (idle_choice_changed_cb), self, 0);
  adw_preferences_group_add (self->desk_group, row);
}

static void
build_desk_group (PkioPreferencesWindow *self)
{
  static const char * const ship_values[] = { "", "STANDARD", "EXPEDITED", NULL };
  static const char * const payment_values[] = { "", "balance", "card", NULL };
  const char *ship_labels[] = { _("None"), _("Standard"), _("Expedited (costs more)"), NULL };
  const char *payment_labels[] = { _("None"), _("Account balance"), _("Credit card"), NULL };
  const char *validity_labels[] = { _("None"), _("1 year"), _("2 years"), _("3 years"), NULL };
  g_autofree char *country = NULL;
  GtkWidget *dropdown;
  GtkWidget *row;

  dropdown = pkio_country_drop_down_new (_("Country"), TRUE);
  country = g_settings_get_string (self->desk_settings, "desk-country");
  pkio_country_drop_down_set_code (GTK_DROP_DOWN (dropdown), country);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (desk_country_changed_cb),
                           self, 0);
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", _("Country"),
                      "subtitle", _("For the applicant, shipping and billing"),
                      "activatable-widget", dropdown,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  /* Named by the row's title now; its own label would be read twice. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* Its button said "GtkToggleButton" to Orca 43, and never the country. */
  pkio_form_name_drop_down (GTK_DROP_DOWN (dropdown), _("Country"));
  adw_preferences_group_add (self->desk_group, row);

  add_desk_choice (self, _("Shipping"), "desk-ship-method", ship_labels, ship_values);
  add_desk_choice (self, _("Payment"), "desk-payment-method", payment_labels, payment_values);
  add_desk_choice (self, _("Validity"), "desk-validity-years", validity_labels, NULL);
  add_idle_choice (self);
}

/* GtkSwitch tells assistive technologies its new state after its
 * notify::active, so a switch turned back on there was still "not
 * checked" to Orca, on GTK 4.8 and 4.18 alike (issue #20): once the
 * toggle is over, the accessible state follows the switch again. */
static gboolean
sync_switch_state_cb (gpointer data)
{
  GtkSwitch *sw = data;

  gtk_accessible_update_state (GTK_ACCESSIBLE (sw),
                               GTK_ACCESSIBLE_STATE_CHECKED, gtk_switch_get_active (sw),
                               -1);
  return G_SOURCE_REMOVE;
}

/* Turning practice on is harmless; turning it off asks first, as the
 * window's banner does. The switch stays on until the answer: the binding
 * above turns it off with the setting. */
static void
practice_switch_toggled_cb (PkioPreferencesWindow *self)
{
  gboolean active = gtk_switch_get_active (self->practice_switch);

  if (active == pkio_settings_get_practice_mode (self->settings))
    return;

  if (active)
    {
      pkio_settings_set_practice_mode (self->settings, TRUE);
      return;
    }

  g_signal_handlers_block_by_func (self->practice_switch, practice_switch_toggled_cb, self);
  gtk_switch_set_active (self->practice_switch, TRUE);
  g_signal_handlers_unblock_by_func (self->practice_switch, practice_switch_toggled_cb, self);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_switch_state_cb,
                   g_object_ref (self->practice_switch), g_object_unref);
  pkio_question_leave_practice (GTK_WIDGET (self), self->settings);
}

static void
pkio_preferences_window_constructed (GObject *object)
{
  PkioPreferencesWindow *self = (PkioPreferencesWindow *)object;
  g_autofree char *schema_id = NULL;

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->constructed (object);

  g_assert (PKIO_IS_SETTINGS (self->settings));
  if (self->account == NULL)
    self->account = pkio_account_new_for_settings (self->settings);

  g_object_bind_property (self->settings, "practice-mode", self->practice_switch, "active",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->practice_switch, "notify::active",
                           G_CALLBACK (practice_switch_toggled_cb), self, G_CONNECT_SWAPPED);

  g_object_get (self->settings, "schema-id", &schema_id, NULL);
  self->desk_settings = g_settings_new (schema_id);
  build_desk_group (self);
  /* What the wizard's pages get (issue #20): icon buttons named without
   * "GtkImage", one Tab stop a row, no type names for untitled lists. */
  pkio_form_quiet_icons (GTK_WIDGET (self));
  pkio_form_quiet_choice_rows (GTK_WIDGET (self));
  /* On GTK 4.8 the entry rows' focus reached Orca 43 as an unnamed,
   * unfocused "AdwGizmo", or not at all (issue #20). */
  pkio_form_name_entry_row (GTK_WIDGET (self->api_key_row),
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->api_key_row)));
  pkio_form_name_entry_row (GTK_WIDGET (self->api_base_url_row),
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->api_base_url_row)));
  /* Orca 43 said Verify's explanation again after it (issue #20). */
  pkio_form_describe_once (GTK_WIDGET (self->verify_button), TRUE);
  g_signal_connect_object (self->api_key_status_row, "notify::subtitle",
                           G_CALLBACK (describe_verify), self, G_CONNECT_SWAPPED);
  describe_verify (self);
  /* libadwaita's stacks around the pages say "Preferences" (issue #20). */
  pkio_form_name_stack_pages (GTK_WIDGET (self),
                              gtk_window_get_title (GTK_WINDOW (self)) != NULL
                              ? gtk_window_get_title (GTK_WINDOW (self)) : _("Preferences"));

  g_signal_connect_object (self->settings, "notify::api-base-url",
                           G_CALLBACK (sync_api_base_url), self, G_CONNECT_SWAPPED);
  sync_api_base_url (self);
}

static void
pkio_preferences_window_dispose (GObject *object)
{
  PkioPreferencesWindow *self = (PkioPreferencesWindow *)object;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->desk_settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->dispose (object);
}

static void
pkio_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_class_init (PkioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_preferences_window_constructed;
  object_class->dispose = pkio_preferences_window_dispose;
  object_class->get_property = pkio_preferences_window_get_property;
  object_class->set_property = pkio_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         PKIO_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PKIO_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_base_url_reset);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_key_status_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, verify_button);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_key_spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, practice_switch);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, desk_group);
  gtk_widget_class_bind_template_callback (widget_class, on_api_base_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_api_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_api_base_url_reset);
}

static void
pkio_preferences_window_init (PkioPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * pkio_preferences_window_new:
 * @account: (nullable): the account whose key is set here; %NULL: one of
 *   the window's own for @settings
 */
PkioPreferencesWindow *
pkio_preferences_window_new (PkioSettings *settings,
                             PkioAccount  *account)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!account || PKIO_IS_ACCOUNT (account), NULL);

  return g_object_new (PKIO_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "account", account,
                       NULL);
}
