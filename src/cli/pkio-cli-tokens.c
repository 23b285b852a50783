/* pkio-cli-tokens.c
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

#include "pkio-cli-private.h"
#include "pkio-settings.h"
#include "pkio-token-monitor.h"
#include "pkio-token-report.h"

/* `pkio-order tokens`: what the token panel shows, for desk staff and
 * support, through the same monitor (one poll, then exit). */

static gboolean
monitor_ready (PkioTokenMonitor *monitor)
{
  return pkio_token_monitor_get_ready (monitor);
}

static char **
settings_module_paths (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(PkioSettings) settings = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* Run from a build tree the schema may not be installed; GSettings would
   * abort, and the command is still useful without the extra modules. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = pkio_settings_new (NULL);
  return pkio_settings_dup_token_module_paths (settings);
}

int
_pkio_cli_tokens (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioTokenMonitor) monitor = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GStrvBuilder) paths_builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) extra_paths = NULL;
  g_auto(GStrv) setting_paths = NULL;
  gboolean json = FALSE;
  gboolean only_listed = FALSE;
  gboolean environment = FALSE;
  int timeout = PKIO_TOKEN_MONITOR_MODULE_TIMEOUT_MS / 1000;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "module", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &extra_paths,
      N_("Also load this PKCS#11 module"), N_("PATH") },
    { "only-listed", 0, 0, G_OPTION_ARG_NONE, &only_listed,
      N_("Load only the modules given with --module, not those registered with p11-kit"), NULL },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for each module"), N_("SECONDS") },
    { "environment", 0, 0, G_OPTION_ARG_NONE, &environment,
      N_("Also print Flatpak, pcscd and p11-kit server facts"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the inserted signing tokens and their certificates."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* parse_strv frees the arguments it consumes; parse() would drop them
   * from the caller's array without freeing them. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_USAGE;
    }
  if (g_strv_length (args) > 1 || timeout < 1)
    {
      g_printerr ("%s\n", _("Usage: pkio-order tokens [--json] [--module PATH]… [--timeout SECONDS]"));
      return PKIO_CLI_EXIT_USAGE;
    }

  if (extra_paths)
    g_strv_builder_addv (paths_builder, (const char **)extra_paths);
  if (!only_listed && (setting_paths = settings_module_paths ()))
    g_strv_builder_addv (paths_builder, (const char **)setting_paths);
  paths = g_strv_builder_end (paths_builder);

  monitor = pkio_token_monitor_new_full (!only_listed, (const char * const *)paths,
                                         PKIO_TOKEN_MONITOR_POLL_INTERVAL_MS,
                                         (guint)timeout * 1000);

  /* The first poll ends when every module has answered or timed out. */
  while (!monitor_ready (monitor))
    g_main_context_iteration (NULL, TRUE);

  modules = pkio_token_monitor_dup_modules (monitor);
  now = g_date_time_new_now_utc ();

  if (json)
    {
      g_autoptr(JsonNode) root = pkio_token_report_to_json (pkio_token_monitor_get_tokens (monitor),
                                                            modules, now);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      JsonObject *object = json_node_get_object (root);

      if (environment)
        {
          g_autofree char *pcscd_path = NULL;
          PkioPcscdState pcscd = pkio_token_report_pcscd_state (&pcscd_path);

          json_object_set_boolean_member (object, "flatpak", pkio_token_report_in_flatpak ());
          json_object_set_string_member (object, "pcscd", pkio_token_report_pcscd_state_id (pcscd));
          json_object_set_string_member (object, "pcscd_socket", pcscd_path);
        }

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = pkio_token_report_to_text (pkio_token_monitor_get_tokens (monitor),
                                                         modules, now);

      g_print ("%s", text);
      if (environment)
        {
          g_autofree char *env = pkio_token_report_environment ();

          g_print ("\n%s", env);
        }
    }

  /* Give the modules their C_Finalize before the process ends, but never
   * wait long for one that hangs. */
  g_clear_object (&monitor);
  pkio_token_monitor_wait_for_threads (PKIO_TOKEN_MONITOR_EXIT_WAIT_MS);

  return PKIO_CLI_EXIT_OK;
}
