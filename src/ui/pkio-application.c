/* pkio-application.c
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
#include <stdio.h>

#include "pkio-account.h"
#include "pkio-desk.h"
#include "pkio-application.h"
#include "pkio-cli.h"
#include "pkio-country.h"
#include "pkio-phone-plan.h"
#include "pkio-question.h"
#include "pkio-simulator.h"
#include "pkio-token-monitor.h"
#include "pkio-window.h"

struct _PkioApplication
{
  AdwApplication  parent_instance;

  PkioSettings   *settings;
  PkioAccount    *account;   /* the one account: every window and dialog uses it */
  PkioDesk       *desk;      /* the order book and what runs beside it */
  char           *api_base_url_override;
  PkioSimulator  *simulator;
  gboolean        practice_requested;
};

G_DEFINE_FINAL_TYPE (PkioApplication, pkio_application, ADW_TYPE_APPLICATION)

static PkioWindow *
get_active_window (PkioApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return PKIO_IS_WINDOW (window) ? PKIO_WINDOW (window) : NULL;
}

/* Practice mode: orders go to the simulator on 127.0.0.1 instead of
 * CertCentral. The account sends to it with the simulator's key from
 * memory, and the address shown is overridden for this run only, so
 * neither the stored address nor the keyring is touched; leaving restores
 * what was there. */
static void
update_practice (PkioApplication *self)
{
  gboolean want = pkio_settings_get_practice_mode (self->settings);
  g_autoptr(GError) error = NULL;

  if (want && self->simulator == NULL)
    {
      self->simulator = pkio_simulator_new ();
      if (!pkio_simulator_start (self->simulator, &error))
        {
          g_warning ("The practice simulator could not start: %s", error->message);
          g_clear_object (&self->simulator);
          return;
        }

      pkio_account_set_practice (self->account, pkio_simulator_get_base_url (self->simulator));
      pkio_settings_override_api_base_url (self->settings,
                                           pkio_simulator_get_base_url (self->simulator));
    }
  else if (!want && self->simulator != NULL)
    {
      /* The account first, as when practice starts: whoever follows the
       * address then looks up a key of the real account, not the
       * simulator's (Preferences said "A key is stored" when none was). */
      pkio_account_set_practice (self->account, NULL);
      pkio_settings_override_api_base_url (self->settings, self->api_base_url_override);
      g_clear_object (&self->simulator);
    }
}

static void
load_countries_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  pkio_country_get_codes ();
  g_task_return_boolean (task, TRUE);
}

static void
start_practice_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  PkioApplication *self = user_data;

  pkio_settings_set_practice_mode (self->settings, TRUE);
}

/* The banner's button asks first (pkio_question_leave_practice). */
static void
leave_practice_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  PkioApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (parent != NULL)
    pkio_question_leave_practice (GTK_WIDGET (parent), self->settings);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  PkioApplication *self = user_data;
  GList *windows;

  /* Close the windows rather than quit outright, so that each saves its
   * state (and, later, its draft) on the way out. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  PkioWindow *window = get_active_window (user_data);

  if (window != NULL)
    pkio_window_show_preferences (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  PkioWindow *window = get_active_window (user_data);

  if (window != NULL)
    pkio_window_show_about (window);
}

/* From a notification about an order: where its status is. */
static void
show_orders_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  PkioWindow *window = get_active_window (user_data);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (user_data));
      window = get_active_window (user_data);
    }
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      gtk_widget_activate_action (GTK_WIDGET (window), "orders.show", NULL);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "show-orders", show_orders_action },
  { "start-practice", start_practice_action },
  { "leave-practice", leave_practice_action },
};

static gboolean
pkio_application_local_command_line (GApplication   *app,
                                     char         ***arguments,
                                     int            *exit_status)
{
  char **argv = *arguments;

  /* `pkio-order validate FILE` and friends run here, before startup, so
   * that they never initialise GTK and work without a display. */
  if (argv[0] != NULL && pkio_cli_find_command (argv))
    {
      *exit_status = pkio_cli_run (g_strv_length (argv), argv);
      return TRUE;
    }

  return G_APPLICATION_CLASS (pkio_application_parent_class)->local_command_line (app, arguments,
                                                                                  exit_status);
}

static int
pkio_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  const char *api_base_url = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "pkio-order", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "api-base-url", "&s", &api_base_url) &&
      !pkio_settings_is_acceptable_api_base_url (api_base_url))
    {
      g_autofree char *why = pkio_settings_explain_api_base_url (api_base_url);

      g_printerr ("%s\n", why);
      return EXIT_FAILURE;
    }
  if (g_variant_dict_contains (options, "practice"))
    PKIO_APPLICATION (app)->practice_requested = TRUE;

  if (api_base_url != NULL)
    {
      /* Before registration: startup applies it, in this process. */
      g_free (PKIO_APPLICATION (app)->api_base_url_override);
      PKIO_APPLICATION (app)->api_base_url_override = g_strdup (api_base_url);
    }

  return G_APPLICATION_CLASS (pkio_application_parent_class)->handle_local_options (app, options);
}

static void
pkio_application_startup (GApplication *app)
{
  PkioApplication *self = PKIO_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (pkio_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = pkio_settings_new (NULL);
  if (self->api_base_url_override != NULL)
    pkio_settings_override_api_base_url (self->settings, self->api_base_url_override);
  if (self->practice_requested)
    pkio_settings_override_practice_mode (self->settings);

  self->account = pkio_account_new_for_settings (self->settings);
  self->desk = pkio_desk_new (app, self->settings, self->account);
  g_signal_connect_object (self->settings, "notify::practice-mode", G_CALLBACK (update_practice),
                           self, G_CONNECT_SWAPPED);
  update_practice (self);

  /* The country table is read from iso-codes' JSON on first use; read it
   * now on a worker, so that the first form or desk default to need it
   * does not read a file on the main loop. */
  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

    g_task_set_source_tag (task, load_countries_thread);
    g_task_run_in_thread (task, load_countries_thread);
  }
}

static void
pkio_application_activate (GApplication *app)
{
  PkioApplication *self = PKIO_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (pkio_window_new (GTK_APPLICATION (self), self->settings));

  gtk_window_present (window);
}

static void
pkio_application_shutdown (GApplication *app)
{
  PkioApplication *self = PKIO_APPLICATION (app);

  G_APPLICATION_CLASS (pkio_application_parent_class)->shutdown (app);

  /* Closed while Review still opens the numbering plans: the process must
   * not end under that thread. */
  pkio_phone_plan_wait ();

  /* The order book goes with the windows, before practice ends: it follows
   * the account, and nothing is left to send for. */
  g_clear_object (&self->desk);

  if (self->simulator != NULL)
    {
      pkio_account_set_practice (self->account, NULL);
      g_clear_object (&self->simulator);
    }

  /* The windows, and with them the token monitors, are gone by now: let
   * the modules finalize before exit() runs p11-kit's destructors. */
  pkio_token_monitor_wait_for_threads (PKIO_TOKEN_MONITOR_EXIT_WAIT_MS);
}

static void
pkio_application_finalize (GObject *object)
{
  PkioApplication *self = (PkioApplication *)object;

  g_clear_object (&self->desk);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->simulator);
  g_clear_pointer (&self->api_base_url_override, g_free);

  G_OBJECT_CLASS (pkio_application_parent_class)->finalize (object);
}

static void
pkio_application_class_init (PkioApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pkio_application_finalize;

  app_class->local_command_line = pkio_application_local_command_line;
  app_class->handle_local_options = pkio_application_handle_local_options;
  app_class->startup = pkio_application_startup;
  app_class->activate = pkio_application_activate;
  app_class->shutdown = pkio_application_shutdown;
}

static void
pkio_application_init (PkioApplication *self)
{
  static const GOptionEntry main_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { "api-base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use this CertCentral API address for this run"), "URL" },
    { "practice", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Practice against a CertCentral simulator: nothing is ordered or charged"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

PkioApplication *
pkio_application_new (void)
{
  return g_object_new (PKIO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The GResource keeps the release path in .Devel builds. */
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * pkio_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, once the application
 *   has started up
 */
PkioSettings *
pkio_application_get_settings (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * pkio_application_get_account:
 *
 * Returns: (transfer none) (nullable): the account every window uses, once
 *   the application has started up
 */
PkioAccount *
pkio_application_get_account (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->account;
}

/**
 * pkio_application_get_desk:
 *
 * Returns: (transfer none) (nullable): the order book and the services
 *   beside it that the windows share, once the application has started up
 */
PkioDesk *
pkio_application_get_desk (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->desk;
}
