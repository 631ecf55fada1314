import { useTranslation } from 'react-i18next';
import { useAuth, useSession } from '../session/AuthContext.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const { me } = useSession();
  return (
    <div className="user-menu">
      <span className="user-name">{me.user.displayName || me.user.username}</span>
      <button type="button" className="button-quiet" onClick={() => void signOut()}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}
