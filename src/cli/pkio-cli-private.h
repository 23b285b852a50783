/* pkio-cli-private.h
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

#pragma once

#include <gio/gio.h>

#include "pkio-account.h"
#include "pkio-client.h"
#include "pkio-order.h"
#include "pkio-order-book.h"
#include "pkio-outbox.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. A command may define more of its
 * own above these (as `validate` does with 1 for "invalid"). */
#define PKIO_CLI_EXIT_OK        0
#define PKIO_CLI_EXIT_FAILURE   1
#define PKIO_CLI_EXIT_USAGE     2
/* submit: the order was sent but whether it was placed is not known. A
 * script must not simply run submit again. */
#define PKIO_CLI_EXIT_OUTCOME_UNKNOWN 3

/**
 * PkioCliCommandFunc:
 * @argc: the number of arguments, the command's name included
 * @argv: the command's name followed by its arguments
 *
 * Returns: the process exit status
 */
typedef int (*PkioCliCommandFunc) (int    argc,
                                   char **argv);

typedef struct
{
  const char         *name;
  const char         *parameters;   /* for the usage line, untranslated */
  const char         *summary;      /* N_() */
  PkioCliCommandFunc  run;
} PkioCliCommand;

int _pkio_cli_help        (int    argc,
                           char **argv);
int _pkio_cli_outbox      (int    argc,
                           char **argv);
int _pkio_cli_set_api_key (int    argc,
                           char **argv);
int _pkio_cli_status      (int    argc,
                           char **argv);
int _pkio_cli_submit      (int    argc,
                           char **argv);
int _pkio_cli_tokens      (int    argc,
                           char **argv);
int _pkio_cli_validate    (int    argc,
                           char **argv);

char                *_pkio_cli_dup_api_base_url (void);
PkioAccount         *_pkio_cli_load_account     (void);
void                 _pkio_cli_result_cb        (GObject       *object,
                                                 GAsyncResult  *result,
                                                 gpointer       user_data);
GAsyncResult        *_pkio_cli_wait             (GAsyncResult **result);
int                  _pkio_cli_open_book        (PkioAccount    *account,
                                                 PkioOrderBook **book,
                                                 guint          *n_problems);
int                  _pkio_cli_read_order       (const char     *filename,
                                                 PkioOrder     **order);

G_END_DECLS
