/** The one error line under a form or in a dialog. */
export function ActionError({ message, className = 'text-sm' }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`${className} text-red-700`}>
      {message}
    </p>
  );
}
