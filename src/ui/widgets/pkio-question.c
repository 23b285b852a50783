/* pkio-question.c
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

#include "pkio-question.h"
#include "pkio-form.h"

/* A question in a dialog, asked the way the running libadwaita asks it:
 * AdwAlertDialog since 1.5, which lays its labels out itself (on 1.7 an
 * AdwMessageDialog warns that its label does not fit), AdwMessageDialog on
 * the floor (1.2). The answer comes to @answered, connected to the
 * dialog's "response" signal while @data lives. */
void
pkio_question_present (GtkWidget                  *parent,
                       const char                 *heading,
                       const char                 *body,
                       const PkioQuestionResponse *responses,
                       guint                       n_responses,
                       const char                 *default_response,
                       const char                 *close_response,
                       GCallback                   answered,
                       gpointer                    data)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (G_IS_OBJECT (data));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (adw_get_major_version () > 1 || adw_get_minor_version () >= 5)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      AdwAlertDialog *alert = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

      for (guint i = 0; i < n_responses; i++)
        {
          adw_alert_dialog_add_response (alert, responses[i].id, responses[i].label);
          adw_alert_dialog_set_response_appearance (alert, responses[i].id,
                                                    responses[i].appearance);
        }
      adw_alert_dialog_set_default_response (alert, default_response);
      adw_alert_dialog_set_close_response (alert, close_response);
#if ADW_CHECK_VERSION (1, 6, 0)
      /* Responses that do not fit side by side get stacked, and stacking
       * measures their labels too narrow on 1.7 (a fatal Gtk-WARNING under
       * test), as in the orders window's confirmations. */
      if (adw_get_major_version () > 1 || adw_get_minor_version () >= 6)
        adw_alert_dialog_set_prefer_wide_layout (alert, TRUE);
#endif
      g_signal_connect_object (alert, "response", answered, data, G_CONNECT_SWAPPED);
      adw_dialog_present (ADW_DIALOG (alert), parent);
      G_GNUC_END_IGNORE_DEPRECATIONS

      return;
    }
#endif

  root = gtk_widget_get_root (parent);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  for (guint i = 0; i < n_responses; i++)
    {
      adw_message_dialog_add_response (dialog, responses[i].id, responses[i].label);
      adw_message_dialog_set_response_appearance (dialog, responses[i].id,
                                                  responses[i].appearance);
    }
  adw_message_dialog_set_default_response (dialog, default_response);
  adw_message_dialog_set_close_response (dialog, close_response);
  g_signal_connect_object (dialog, "response", answered, data, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
leave_practice_answered_cb (PkioSettings *settings,
                            const char   *response)
{
  if (g_strcmp0 (response, "leave") == 0)
    pkio_settings_set_practice_mode (settings, FALSE);
}

/**
 * pkio_question_leave_practice:
 *
 * Asks before practice mode is left, wherever that is started (the
 * window's banner, the Preferences switch): a clerk who pressed it by
 * mistake (Orca once read the banner's button as the field before) would
 * send the next order for real. The dialog is a window, or on libadwaita
 * 1.5 and later an alert, that a screen reader speaks. Staying is the
 * default; only "Leave" turns practice off, in @settings.
 */
void
pkio_question_leave_practice (GtkWidget    *parent,
                              PkioSettings *settings)
{
  const PkioQuestionResponse responses[] = {
    { "cancel", _("_Stay in Practice Mode"), ADW_RESPONSE_DEFAULT },
    { "leave", _("_Leave Practice Mode"), ADW_RESPONSE_DESTRUCTIVE },
  };

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (PKIO_IS_SETTINGS (settings));

  pkio_question_present (parent, _("Leave Practice Mode?"),
                         _("Orders will then go to DigiCert and be charged."),
                         responses, G_N_ELEMENTS (responses), "cancel", "cancel",
                         G_CALLBACK (leave_practice_answered_cb), settings);
}

static void
details_closed_cb (GtkWidget  *parent,
                   const char *response)
{
}

static void
details_clicked_cb (GtkWidget *parent,
                    AdwToast  *toast)
{
  static const PkioQuestionResponse close = { "close", N_("_Close"), ADW_RESPONSE_DEFAULT };
  PkioQuestionResponse translated = close;
  const char *title = g_object_get_data (G_OBJECT (toast), "pkio-text");
  const char *details = g_object_get_data (G_OBJECT (toast), "pkio-details");
  g_autofree char *body = NULL;

  /* No heading: on libadwaita 1.7 a heading that wraps is measured too
   * narrow (a Gtk-WARNING). The title leads the text unless it already
   * does. */
  if (g_str_has_prefix (details, title))
    body = g_strdup (details);
  else
    body = g_strdup_printf ("%s\n\n%s", title, details);
  translated.label = _(close.label);
  pkio_question_present (parent, NULL, body, &translated, 1, "close", "close",
                         G_CALLBACK (details_closed_cb), parent);
}

/**
 * pkio_toast_new:
 * @text: the toast's title, as plain text
 *
 * A toast that shows @text as it is. libadwaita reads a toast's title as
 * markup, and a message from outside (a server's error, a file name) with
 * "&" or "<" showed nothing but a warning. Its plain text is kept for
 * pkio_toast_speak() and the Details dialog.
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
pkio_toast_new (const char *text)
{
  AdwToast *toast;

  g_return_val_if_fail (text != NULL, NULL);

#if ADW_CHECK_VERSION (1, 4, 0)
  if (adw_get_major_version () > 1 || adw_get_minor_version () >= 4)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      toast = adw_toast_new (text);
      adw_toast_set_use_markup (toast, FALSE);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  else
#endif
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      toast = adw_toast_new (escaped);
    }

  g_object_set_data_full (G_OBJECT (toast), "pkio-text", g_strdup (text), g_free);

  return toast;
}

/* A toast shows one line and cuts the rest ("…and is sent when the n…"),
 * and toasts are for short news (GNOME HIG): @message is the title when it
 * fits, else @title is, with a Details button that shows @message whole in
 * a dialog on @parent. A screen reader hears the whole message either way:
 * GTK 4.14 and later announce it; before, pkio_toast_speak() has it said. */
AdwToast *
pkio_toast_new_for_message (GtkWidget  *parent,
                            const char *title,
                            const char *message)
{
  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (title != NULL && message != NULL, NULL);

  if (g_utf8_strlen (message, -1) <= PKIO_TOAST_TITLE_MAX)
    return pkio_toast_new (message);

  return pkio_toast_new_with_details (parent, title, message);
}

/* A toast titled @title whose Details button shows @message in a dialog. */
AdwToast *
pkio_toast_new_with_details (GtkWidget  *parent,
                             const char *title,
                             const char *message)
{
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (title != NULL && message != NULL, NULL);

  toast = pkio_toast_new (title);
  g_object_set_data_full (G_OBJECT (toast), "pkio-details", g_strdup (message), g_free);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (details_clicked_cb), parent,
                           G_CONNECT_SWAPPED);

#if GTK_CHECK_VERSION (4, 14, 0)
  /* The version macros pin GTK 4.8; this runs only on 4.14 and later, and
   * only through a widget on screen (see pkio-form.c). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_check_version (4, 14, 0) == NULL && gtk_widget_get_mapped (parent))
    {
      GtkATContext *context = gtk_accessible_get_at_context (GTK_ACCESSIBLE (parent));

      /* GTK's test context (GTK_A11Y=test) has no announce and 4.18 calls
       * it unchecked. */
      if (context != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (context), "GtkTestATContext"))
        gtk_accessible_announce (GTK_ACCESSIBLE (parent), message,
                                 GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
      g_clear_object (&context);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  return toast;
}

static gboolean
give_back_description (gpointer data)
{
  GtkWidget *widget = data;

  /* A control taken out of its window (a page rebuilt) is read no more. */
  if (gtk_widget_get_root (widget) != NULL)
    pkio_form_restore_description (widget);

  return G_SOURCE_REMOVE;
}

static void
toast_focus_left_cb (GtkWidget  *widget,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  if (gtk_widget_has_focus (widget))
    return;

  g_signal_handlers_disconnect_by_func (widget, toast_focus_left_cb, user_data);
  g_object_set_data (G_OBJECT (widget), "pkio-toast-said", NULL);
  /* Once the new focus is reported: Orca 43 says no description of a
   * control it has left, and would say this one's own again. */
  g_idle_add_full (G_PRIORITY_LOW, give_back_description, g_object_ref (widget), g_object_unref);
}

/**
 * pkio_toast_speak:
 * @parent: a widget in the window that shows @toast
 * @toast: a toast just added
 *
 * Has a screen reader say @toast's whole message where libadwaita cannot:
 * before GTK 4.14 there is nothing to announce with, and Orca 43 says no
 * widget that appears unless it is a window. It does say a change of the
 * focused control's description, so the message is that until the focus
 * moves on; then the control's own description comes back, unsaid.
 */
void
pkio_toast_speak (GtkWidget *parent,
                  AdwToast  *toast)
{
  const char *message;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (gtk_get_minor_version () >= 14)
    return;

  root = gtk_widget_get_root (parent);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL)
    return;

  message = g_object_get_data (G_OBJECT (toast), "pkio-details");
  if (message == NULL)
    message = g_object_get_data (G_OBJECT (toast), "pkio-text");
  if (message == NULL)
    message = adw_toast_get_title (toast);

  gtk_accessible_update_property (GTK_ACCESSIBLE (focus),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  if (g_object_get_data (G_OBJECT (focus), "pkio-toast-said") == NULL)
    {
      g_object_set_data (G_OBJECT (focus), "pkio-toast-said", GINT_TO_POINTER (TRUE));
      g_signal_connect (focus, "notify::has-focus", G_CALLBACK (toast_focus_left_cb), NULL);
    }
}
