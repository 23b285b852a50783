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

#include "pkio-question.h"

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
